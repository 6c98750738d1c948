// Secret: a string that never prints. Streaming or formatting a Secret yields "***"; the only
// way to read the value is Reveal(), which the signing code calls and nothing that logs does.
// Thread-safety: immutable value type.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <utility>

namespace bgt::core {

class Secret {
 public:
  static constexpr std::string_view kMask = "***";

  Secret() = default;
  explicit Secret(std::string value) : value_(std::move(value)) {}
  // Wipes the buffer on destruction so the value does not linger in freed memory.
  ~Secret() { Wipe(); }
  Secret(const Secret&) = default;
  Secret& operator=(const Secret&) = default;
  Secret(Secret&& other) noexcept : value_(std::move(other.value_)) { other.Wipe(); }
  Secret& operator=(Secret&& other) noexcept {
    if (this != &other) {
      Wipe();
      value_ = std::move(other.value_);
      other.Wipe();
    }
    return *this;
  }

  bool empty() const { return value_.empty(); }
  std::string_view Reveal() const { return value_; }
  // What logs, errors and dumps show: "***" when set, "" when empty.
  std::string_view Masked() const { return value_.empty() ? std::string_view() : kMask; }

  friend std::ostream& operator<<(std::ostream& os, const Secret& s) { return os << s.Masked(); }

 private:
  void Wipe() {
    volatile char* p = value_.data();
    for (std::size_t i = 0; i < value_.size(); ++i) p[i] = 0;
    value_.clear();
  }
  std::string value_;
};

}  // namespace bgt::core
