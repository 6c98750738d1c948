#include "app/table.h"

#include <gtest/gtest.h>

#include <sstream>

namespace bgt::app {
namespace {

TEST(Table, AlignsTextLeftAndNumbersRight) {
  Table t({"symbol", "last", "volume"});
  t.AddRow({"BTCUSDT", "104250.5", "1234.5"});
  t.AddRow({"PEPEUSDT", "0.00001234", "-"});
  std::ostringstream os;
  t.Render(os);
  EXPECT_EQ(os.str(),
            "symbol          last  volume\n"
            "BTCUSDT     104250.5  1234.5\n"
            "PEPEUSDT  0.00001234       -\n");
}

TEST(Table, EmptyTablePrintsItsHeaderAndShortRowsArePadded) {
  Table empty({"a", "b"});
  std::ostringstream os;
  empty.Render(os);
  EXPECT_EQ(os.str(), "a  b\n");
  Table t({"id", "state"});
  t.AddRow({"1"});
  std::ostringstream os2;
  t.Render(os2);
  EXPECT_EQ(os2.str(), "id  state\n 1\n");
}

}  // namespace
}  // namespace bgt::app
