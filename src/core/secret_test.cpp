#include "core/secret.h"

#include <gtest/gtest.h>

#include <sstream>

namespace bgt::core {
namespace {

TEST(Secret, PrintsMaskedAndRevealsOnlyOnRequest) {
  const Secret s("super-secret-value");
  std::ostringstream os;
  os << s;
  EXPECT_EQ(os.str(), "***");
  EXPECT_EQ(s.Masked(), "***");
  EXPECT_EQ(s.Reveal(), "super-secret-value");
  EXPECT_EQ(Secret().Masked(), "");
  EXPECT_TRUE(Secret().empty());
}

TEST(Secret, MoveLeavesSourceEmpty) {
  Secret a("k");
  Secret b(std::move(a));
  EXPECT_EQ(b.Reveal(), "k");
  EXPECT_TRUE(a.empty());  // NOLINT(bugprone-use-after-move): the moved-from state is defined
}

}  // namespace
}  // namespace bgt::core
