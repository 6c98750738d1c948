// Table: plain-text tables for command output — a header row, aligned columns, numbers right
// aligned. Rendering is pure; nothing is truncated.
// Thread-safety: value type.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <ostream>
#include <string>
#include <vector>

namespace bgt::app {

class Table {
 public:
  explicit Table(std::vector<std::string> headers);

  // Adds a row; it must have one cell per header (extra cells are an error the caller sees in
  // tests; missing cells print empty).
  void AddRow(std::vector<std::string> cells);
  std::size_t rows() const { return rows_.size(); }

  // Columns separated by two spaces; a column whose cells all look numeric ("-12.5", "0.001",
  // "", "-") is right aligned. Lines carry no trailing blanks and end with a newline; an empty
  // table prints only its header.
  void Render(std::ostream& out) const;

 private:
  std::vector<std::string> headers_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace bgt::app
