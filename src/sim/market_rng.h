// Counter-keyed random streams for the market generator: a stream is identified by a key
// (seed, symbol, purpose, time bucket), so any bucket of the simulated market can be generated
// on its own and always comes out the same. SplitMix64 drives each stream; normal and Student-t
// variates are drawn by explicit algorithms (not std:: distributions, whose output differs between
// standard libraries), so a seed gives the same numbers with every toolchain that has the same
// libm.
// Thread-safety: a MarketRng is a plain value owned by one caller; the free functions are pure.
#pragma once

#include <cmath>
#include <cstdint>
#include <string_view>

namespace bgt::sim {

// SplitMix64's finaliser: a bijective 64-bit mix with full avalanche.
constexpr std::uint64_t Mix64(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// FNV-1a of a symbol name: streams depend on the name, not on its position in a list.
constexpr std::uint64_t HashName(std::string_view name) {
  std::uint64_t h = 0xCBF29CE484222325ULL;
  for (char c : name) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001B3ULL;
  }
  return h;
}

// Key of one stream: chained mixing of the seed, the symbol hash, a purpose tag and a bucket
// index (a day, minute or second number; may be negative).
constexpr std::uint64_t StreamKey(std::uint64_t seed, std::uint64_t symbol_hash, std::uint64_t tag,
                                  std::int64_t bucket) {
  std::uint64_t k = Mix64(seed + 0x9E3779B97F4A7C15ULL);
  k = Mix64(k ^ symbol_hash);
  k = Mix64(k ^ (tag * 0xD1B54A32D192ED03ULL));
  return Mix64(k ^ static_cast<std::uint64_t>(bucket));
}

// Purposes of the generator's random streams (part of each stream's key). Never renumber: the
// numbers are part of what a seed means.
enum StreamTag : std::uint64_t {
  kTagDailyFactor = 1,
  kTagDaily = 2,
  kTagMinuteFactor = 3,
  kTagMinute = 4,
  kTagMinuteExtremes = 5,
  kTagPremium = 6,
  kTagOpenInterest = 7,
  kTagTape = 8,
  kTagSpread = 9,
  kTagBookBid = 10,
  kTagBookAsk = 11,
  kTagIndex = 12,
};

class MarketRng {
 public:
  explicit constexpr MarketRng(std::uint64_t key) : state_(key) {}

  constexpr std::uint64_t NextU64() {
    state_ += 0x9E3779B97F4A7C15ULL;
    return Mix64(state_);
  }
  // Uniform in the open interval (0, 1).
  double Uniform() { return (static_cast<double>(NextU64() >> 11) + 0.5) * 0x1.0p-53; }
  // Uniform in the open interval (-1, 1).
  double UniformSigned() { return 2.0 * Uniform() - 1.0; }
  // Integer uniform in [0, n) for n > 0 (Lemire's multiply-shift; the tiny bias is irrelevant
  // for simulation).
  std::uint64_t Below(std::uint64_t n) {
    __extension__ using U128 = unsigned __int128;
    return static_cast<std::uint64_t>((static_cast<U128>(NextU64()) * n) >> 64);
  }

  // Standard normal (Marsaglia's polar method; the second variate of each pair is kept).
  double Normal() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    double u = 0;
    double v = 0;
    double w = 0;
    do {
      u = UniformSigned();
      v = UniformSigned();
      w = u * u + v * v;
    } while (w >= 1.0 || w == 0.0);
    const double f = std::sqrt(-2.0 * std::log(w) / w);
    spare_ = v * f;
    has_spare_ = true;
    return u * f;
  }

  // Student-t with `dof` > 2 degrees of freedom scaled to unit variance (Bailey's polar method,
  // Math. Comp. 62 (1994) 779-781: t = u * sqrt(dof * (w^(-2/dof) - 1) / w)).
  double StudentT(double dof) {
    double u = 0;
    double w = 0;
    do {
      u = UniformSigned();
      const double v = UniformSigned();
      w = u * u + v * v;
    } while (w >= 1.0 || w == 0.0);
    const double t = u * std::sqrt(dof * (std::pow(w, -2.0 / dof) - 1.0) / w);
    return t * std::sqrt((dof - 2.0) / dof);
  }

 private:
  std::uint64_t state_;
  double spare_ = 0;
  bool has_spare_ = false;
};

}  // namespace bgt::sim
