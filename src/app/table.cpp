#include "app/table.h"

#include <algorithm>

#include "core/check.h"

namespace bgt::app {
namespace {

bool LooksNumeric(const std::string& cell) {
  if (cell.empty() || cell == "-") return true;
  std::size_t i = cell[0] == '-' || cell[0] == '+' ? 1 : 0;
  bool digit = false;
  for (; i < cell.size(); ++i) {
    const char c = cell[i];
    if (c >= '0' && c <= '9') {
      digit = true;
    } else if (c != '.' && c != '%') {
      return false;
    }
  }
  return digit;
}

}  // namespace

Table::Table(std::vector<std::string> headers) : headers_(std::move(headers)) {}

void Table::AddRow(std::vector<std::string> cells) {
  BGT_CHECK(cells.size() <= headers_.size(), "table row has more cells than headers");
  cells.resize(headers_.size());
  rows_.push_back(std::move(cells));
}

void Table::Render(std::ostream& out) const {
  const std::size_t n = headers_.size();
  std::vector<std::size_t> width(n);
  std::vector<bool> numeric(n, !rows_.empty());
  for (std::size_t c = 0; c < n; ++c) width[c] = headers_[c].size();
  for (const auto& row : rows_) {
    for (std::size_t c = 0; c < n; ++c) {
      width[c] = std::max(width[c], row[c].size());
      if (!LooksNumeric(row[c])) numeric[c] = false;
    }
  }
  auto line = [&](const std::vector<std::string>& cells) {
    std::string text;
    for (std::size_t c = 0; c < n; ++c) {
      const std::string& cell = cells[c];
      const std::string pad(width[c] - cell.size(), ' ');
      if (c > 0) text += "  ";
      text += numeric[c] ? pad + cell : (c + 1 == n ? cell : cell + pad);
    }
    text.erase(text.find_last_not_of(' ') + 1);  // no trailing blanks
    out << text << '\n';
  };
  line(headers_);
  for (const auto& row : rows_) line(row);
}

}  // namespace bgt::app
