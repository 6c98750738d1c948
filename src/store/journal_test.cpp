// The journal on real files in a temporary directory: WAL mode, migrations from an older
// schema, refusal of a newer one, exact decimals round-tripping, order upsert + history, fills
// journaled once, filtered reads, the writer thread's flush and its sticky failure, and a file
// that is not a database.
#include "store/journal.h"

#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace bgt::store {
namespace {

using core::Decimal;
using core::Timestamp;

Decimal D(const char* text) { return *Decimal::Parse(text); }

JournalQuery OpenOnly() {
  JournalQuery q;
  q.open_only = true;
  return q;
}
JournalQuery OfSymbol(const char* symbol) {
  JournalQuery q;
  q.symbol = symbol;
  return q;
}
JournalQuery Since(Timestamp since) {
  JournalQuery q;
  q.since = since;
  return q;
}
JournalQuery Limit(int limit) {
  JournalQuery q;
  q.limit = limit;
  return q;
}

class JournalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        std::filesystem::temp_directory_path() /
        ("bgt_journal_test_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
         "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Path(const char* name) const { return (dir_ / name).string(); }

  std::filesystem::path dir_;
};

OrderRecord Order(const std::string& oid, const char* status, const char* filled, std::int64_t t) {
  OrderRecord o;
  o.client_oid = oid;
  o.order_id = "1001";
  o.symbol = "BTCUSDT";
  o.side = "buy";
  o.leg = "net";
  o.order_type = "limit";
  o.time_in_force = "gtc";
  o.price = D("27000.50");
  o.size = D("0.010");
  o.filled = D(filled);
  o.status = status;
  o.created = Timestamp::FromMillis(1000);
  o.updated = Timestamp::FromMillis(t);
  o.note = "test";
  return o;
}

FillRecord Fill(const std::string& trade_id, std::int64_t t) {
  FillRecord f;
  f.trade_id = trade_id;
  f.order_id = "1001";
  f.client_oid = "bgt-1";
  f.symbol = "BTCUSDT";
  f.side = "buy";
  f.leg = "net";
  f.price = D("27000.50");
  f.size = D("0.004");
  f.fee = D("-0.0648012");
  f.fee_coin = "USDT";
  f.ts = Timestamp::FromMillis(t);
  return f;
}

TEST_F(JournalTest, OpensInWalModeAtTheCurrentSchema) {
  auto journal = Journal::Open(Path("j.db"));
  ASSERT_TRUE(journal.has_value()) << journal.error().ToString();
  EXPECT_EQ((*journal)->schema_version(), kSchemaVersion);
  EXPECT_EQ((*journal)->journal_mode(), "wal");
}

TEST_F(JournalTest, MigratesAnOlderSchemaForwardKeepingItsRows) {
  {
    SQLite::Database db(Path("old.db"), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec(
        "CREATE TABLE events (id INTEGER PRIMARY KEY AUTOINCREMENT, ts_ns INTEGER NOT NULL, "
        "kind TEXT NOT NULL, symbol TEXT NOT NULL, message TEXT NOT NULL, detail TEXT NOT NULL);"
        "INSERT INTO events (ts_ns, kind, symbol, message, detail) VALUES (5, 'node', '', "
        "'started', '');");
    // Only the v1 tables this test needs exist, plus the rest of v1 so v2 can index them.
    db.exec(
        "CREATE TABLE fills (trade_id TEXT PRIMARY KEY, order_id TEXT, client_oid TEXT, symbol "
        "TEXT, side TEXT, leg TEXT, price TEXT, size TEXT, fee TEXT, fee_coin TEXT, realized_pnl "
        "TEXT, ts_ns INTEGER);"
        "CREATE TABLE orders (client_oid TEXT PRIMARY KEY, updated_ns INTEGER);"
        "CREATE TABLE order_history (id INTEGER PRIMARY KEY, client_oid TEXT);"
        "PRAGMA user_version=1;");
  }
  auto journal = Journal::Open(Path("old.db"));
  ASSERT_TRUE(journal.has_value()) << journal.error().ToString();
  EXPECT_EQ((*journal)->schema_version(), 2);
  auto events = (*journal)->Events({});
  ASSERT_TRUE(events.has_value()) << events.error().ToString();
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ((*events)[0].message, "started");
  // The v2 table exists now.
  ASSERT_TRUE((*journal)->Write(ConfigRecord{Timestamp::FromMillis(9), "mode = \"paper\""}).ok());
  auto config = (*journal)->LastConfig();
  ASSERT_TRUE(config.has_value() && config->has_value());
  EXPECT_EQ((*config)->text, "mode = \"paper\"");
}

TEST_F(JournalTest, RefusesAJournalFromANewerBgt) {
  {
    SQLite::Database db(Path("new.db"), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("PRAGMA user_version=" + std::to_string(kSchemaVersion + 1));
  }
  auto journal = Journal::Open(Path("new.db"));
  ASSERT_FALSE(journal.has_value());
  EXPECT_EQ(journal.error().code, core::ErrorCode::kFailedPrecondition);
  EXPECT_NE(journal.error().message.find("newer"), std::string::npos);
}

TEST_F(JournalTest, AFileThatIsNotADatabaseIsAnErrorNotACrash) {
  std::ofstream(Path("garbage.db")) << "this is not sqlite, just text that is long enough........";
  auto journal = Journal::Open(Path("garbage.db"));
  ASSERT_FALSE(journal.has_value());
  EXPECT_EQ(journal.error().code, core::ErrorCode::kIo);
}

TEST_F(JournalTest, OrdersUpsertByClientOidWithHistoryAndExactDecimals) {
  auto opened = Journal::Open(Path("j.db"));
  ASSERT_TRUE(opened.has_value());
  Journal& journal = **opened;
  ASSERT_TRUE(journal.Write(Order("bgt-1", "Submitted", "0", 2000)).ok());
  ASSERT_TRUE(journal.Write(Order("bgt-1", "PartiallyFilled", "0.004", 3000)).ok());
  ASSERT_TRUE(journal.Write(Order("bgt-2", "Accepted", "0", 2500)).ok());
  OrderRecord done = Order("bgt-1", "Filled", "0.010", 4000);
  done.average_price = D("27000.50");
  ASSERT_TRUE(journal.Write(done).ok());

  auto all = journal.Orders({});
  ASSERT_TRUE(all.has_value()) << all.error().ToString();
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].client_oid, "bgt-1");  // newest update first
  EXPECT_EQ((*all)[0].status, "Filled");
  EXPECT_EQ((*all)[0].filled.ToString(), "0.010");     // scale kept
  EXPECT_EQ((*all)[0].price->ToString(), "27000.50");  // trailing zero kept
  EXPECT_EQ((*all)[0].average_price->ToString(), "27000.50");
  EXPECT_EQ((*all)[0].created, Timestamp::FromMillis(1000));

  auto open = journal.Orders(OpenOnly());
  ASSERT_TRUE(open.has_value());
  ASSERT_EQ(open->size(), 1u);
  EXPECT_EQ((*open)[0].client_oid, "bgt-2");

  auto history = journal.OrderHistory("bgt-1");
  ASSERT_TRUE(history.has_value());
  ASSERT_EQ(history->size(), 3u);
  EXPECT_EQ((*history)[0].status, "Submitted");
  EXPECT_EQ((*history)[1].status, "PartiallyFilled");
  EXPECT_EQ((*history)[1].filled, D("0.004"));
  EXPECT_EQ((*history)[2].status, "Filled");
}

TEST_F(JournalTest, AFillIsJournaledOnceAndReadsFilter) {
  auto opened = Journal::Open(Path("j.db"));
  ASSERT_TRUE(opened.has_value());
  Journal& journal = **opened;
  ASSERT_TRUE(journal.Write(Fill("t-1", 1000)).ok());
  FillRecord again = Fill("t-1", 1000);
  again.size = D("99");  // a replayed push must not change or double the fill
  ASSERT_TRUE(journal.Write(again).ok());
  FillRecord eth = Fill("t-2", 2000);
  eth.symbol = "ETHUSDT";
  ASSERT_TRUE(journal.Write(eth).ok());

  EXPECT_TRUE(*journal.HasFill("t-1"));
  EXPECT_FALSE(*journal.HasFill("t-3"));
  auto fills = journal.Fills({});
  ASSERT_TRUE(fills.has_value());
  ASSERT_EQ(fills->size(), 2u);
  EXPECT_EQ((*fills)[1].size, D("0.004"));
  EXPECT_EQ((*fills)[1].fee.ToString(), "-0.0648012");
  auto btc = journal.Fills(OfSymbol("BTCUSDT"));
  ASSERT_TRUE(btc.has_value());
  ASSERT_EQ(btc->size(), 1u);
  auto recent = journal.Fills(Since(Timestamp::FromMillis(1500)));
  ASSERT_TRUE(recent.has_value());
  ASSERT_EQ(recent->size(), 1u);
  EXPECT_EQ((*recent)[0].trade_id, "t-2");
  auto one = journal.Fills(Limit(1));
  ASSERT_TRUE(one.has_value());
  EXPECT_EQ(one->size(), 1u);
}

TEST_F(JournalTest, ABatchIsAllOrNothing) {
  auto opened = Journal::Open(Path("j.db"));
  ASSERT_TRUE(opened.has_value());
  Journal& journal = **opened;
  EventRecord event{Timestamp::FromMillis(1), "risk", "BTCUSDT", "denied", "{}"};
  // A NOT NULL violation cannot be built from the typed records, so break the table instead.
  {
    SQLite::Database raw(Path("j.db"), SQLite::OPEN_READWRITE);
    raw.setBusyTimeout(2000);
    raw.exec(
        "CREATE TRIGGER no_halt BEFORE INSERT ON events WHEN NEW.message = 'halt' "
        "BEGIN SELECT RAISE(ABORT, 'refused'); END;");
  }
  EventRecord bad = event;
  bad.message = "halt";
  core::Status status = journal.WriteBatch({event, Fill("t-9", 5), bad});
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, core::ErrorCode::kIo);
  EXPECT_TRUE(journal.Events({})->empty());
  EXPECT_FALSE(*journal.HasFill("t-9"));
}

TEST_F(JournalTest, SnapshotsRoundTrip) {
  auto opened = Journal::Open(Path("j.db"));
  ASSERT_TRUE(opened.has_value());
  Journal& journal = **opened;
  PositionRecord position{
      Timestamp::FromMillis(7), "BTCUSDT", "net", D("-0.010"), D("27000.5"), D("-1.25"), "venue"};
  EquityRecord equity{Timestamp::FromMillis(8),
                      D("100001.25"),
                      D("100000"),
                      D("1.25"),
                      D("27.0005"),
                      D("-0.0648"),
                      D("0.01")};
  ASSERT_TRUE(journal.WriteBatch({position, equity}).ok());
  auto positions = journal.Positions({});
  ASSERT_TRUE(positions.has_value());
  ASSERT_EQ(positions->size(), 1u);
  EXPECT_EQ((*positions)[0].size, D("-0.010"));
  EXPECT_EQ((*positions)[0].source, "venue");
  auto equities = journal.Equity({});
  ASSERT_TRUE(equities.has_value());
  ASSERT_EQ(equities->size(), 1u);
  EXPECT_EQ((*equities)[0].equity.ToString(), "100001.25");
  EXPECT_EQ((*equities)[0].fees.ToString(), "-0.0648");
}

TEST_F(JournalTest, WriterFlushesEverythingAppendedAndAReaderSeesIt) {
  auto writer = JournalWriter::Start(Path("w.db"), {.queue_capacity = 16, .max_batch = 5});
  ASSERT_TRUE(writer.has_value()) << writer.error().ToString();
  for (int i = 0; i < 200; ++i) {
    ASSERT_TRUE((*writer)->Append(Fill("t-" + std::to_string(i), 1000 + i)).ok());
  }
  ASSERT_TRUE((*writer)->Flush().ok());
  EXPECT_EQ((*writer)->written(), 200u);
  auto reader = Journal::Open(Path("w.db"));
  ASSERT_TRUE(reader.has_value());
  auto fills = (*reader)->Fills(Limit(1000));
  ASSERT_TRUE(fills.has_value());
  EXPECT_EQ(fills->size(), 200u);
  (*writer)->Stop();
  EXPECT_FALSE((*writer)->Append(Fill("late", 1)).ok());
}

TEST_F(JournalTest, AWriteFailureIsStickyAndReported) {
  auto writer = JournalWriter::Start(Path("w.db"));
  ASSERT_TRUE(writer.has_value());
  {
    SQLite::Database raw(Path("w.db"), SQLite::OPEN_READWRITE);
    raw.setBusyTimeout(2000);
    raw.exec(
        "CREATE TRIGGER no_fills BEFORE INSERT ON fills BEGIN SELECT RAISE(ABORT, "
        "'disk says no'); END;");
  }
  ASSERT_TRUE((*writer)->Append(Fill("t-1", 1)).ok());
  core::Status flushed = (*writer)->Flush();
  ASSERT_FALSE(flushed.ok());
  EXPECT_NE(flushed.error().message.find("disk says no"), std::string::npos);
  EXPECT_FALSE((*writer)->Append(Fill("t-2", 2)).ok());
}

}  // namespace
}  // namespace bgt::store
