#include "store/journal.h"

#include <SQLiteCpp/SQLiteCpp.h>

#include <array>
#include <string_view>
#include <utility>

namespace bgt::store {
namespace {

// Each migration takes the schema from version i to i + 1, in one transaction.
constexpr std::array<std::string_view, kSchemaVersion> kMigrations = {
    // v1: orders and their history, fills, position and equity snapshots, events.
    R"sql(
CREATE TABLE orders (
  client_oid TEXT PRIMARY KEY, order_id TEXT NOT NULL, symbol TEXT NOT NULL, side TEXT NOT NULL,
  leg TEXT NOT NULL, order_type TEXT NOT NULL, time_in_force TEXT NOT NULL, price TEXT,
  size TEXT NOT NULL, filled TEXT NOT NULL, average_price TEXT, status TEXT NOT NULL,
  reduce_only INTEGER NOT NULL, created_ns INTEGER NOT NULL, updated_ns INTEGER NOT NULL,
  note TEXT NOT NULL);
CREATE TABLE order_history (
  id INTEGER PRIMARY KEY AUTOINCREMENT, client_oid TEXT NOT NULL, order_id TEXT NOT NULL,
  status TEXT NOT NULL, filled TEXT NOT NULL, average_price TEXT, ts_ns INTEGER NOT NULL,
  note TEXT NOT NULL);
CREATE TABLE fills (
  trade_id TEXT PRIMARY KEY, order_id TEXT NOT NULL, client_oid TEXT NOT NULL,
  symbol TEXT NOT NULL, side TEXT NOT NULL, leg TEXT NOT NULL, price TEXT NOT NULL,
  size TEXT NOT NULL, fee TEXT NOT NULL, fee_coin TEXT NOT NULL, realized_pnl TEXT,
  ts_ns INTEGER NOT NULL);
CREATE TABLE positions (
  id INTEGER PRIMARY KEY AUTOINCREMENT, ts_ns INTEGER NOT NULL, symbol TEXT NOT NULL,
  leg TEXT NOT NULL, size TEXT NOT NULL, entry_price TEXT, unrealized_pnl TEXT,
  source TEXT NOT NULL);
CREATE TABLE equity (
  id INTEGER PRIMARY KEY AUTOINCREMENT, ts_ns INTEGER NOT NULL, equity TEXT NOT NULL,
  balance TEXT NOT NULL, unrealized_pnl TEXT NOT NULL, margin_used TEXT NOT NULL,
  fees TEXT NOT NULL, funding TEXT NOT NULL);
CREATE TABLE events (
  id INTEGER PRIMARY KEY AUTOINCREMENT, ts_ns INTEGER NOT NULL, kind TEXT NOT NULL,
  symbol TEXT NOT NULL, message TEXT NOT NULL, detail TEXT NOT NULL);
)sql",
    // v2: the config in force, and indexes for the time-ordered reads.
    R"sql(
CREATE TABLE config (
  id INTEGER PRIMARY KEY AUTOINCREMENT, ts_ns INTEGER NOT NULL, text TEXT NOT NULL);
CREATE INDEX fills_ts ON fills (ts_ns);
CREATE INDEX events_ts ON events (ts_ns);
CREATE INDEX orders_updated ON orders (updated_ns);
CREATE INDEX order_history_oid ON order_history (client_oid, id);
)sql",
};

core::Error SqlError(std::string_view what, const std::exception& e) {
  return core::MakeError(core::ErrorCode::kIo, "journal: " + std::string(what) + ": " + e.what());
}

std::int64_t Ns(core::Timestamp ts) { return ts.nanos(); }

void BindDecimal(SQLite::Statement& st, int index, const core::Decimal& value) {
  st.bind(index, value.ToString());
}
void BindDecimal(SQLite::Statement& st, int index, const std::optional<core::Decimal>& value) {
  if (value) {
    st.bind(index, value->ToString());
  } else {
    st.bind(index);  // NULL
  }
}

// A stored decimal; a value that no longer parses is a corrupt journal (kIo).
core::Result<core::Decimal> ColumnDecimal(const SQLite::Column& column) {
  auto parsed = core::Decimal::Parse(column.getString());
  if (!parsed) {
    return core::MakeError(core::ErrorCode::kIo,
                           "journal: column " + std::string(column.getName()) +
                               " holds no decimal: '" + column.getString() + "'");
  }
  return *parsed;
}
core::Result<std::optional<core::Decimal>> ColumnOptionalDecimal(const SQLite::Column& column) {
  if (column.isNull()) return std::optional<core::Decimal>();
  auto value = ColumnDecimal(column);
  if (!value) return value.error();
  return std::optional<core::Decimal>(*value);
}

core::Timestamp ColumnTime(const SQLite::Column& column) {
  return core::Timestamp::FromNanos(column.getInt64());
}

#define BGT_STORE_TRY(var, expr) \
  auto var##_result = (expr);    \
  if (!var##_result) {           \
    return var##_result.error(); \
  }                              \
  auto var = std::move(*var##_result)

// "WHERE ..." for the common filters of a table with a ts column `ts` and a symbol column.
std::string Filter(const JournalQuery& query, std::string_view ts_column, bool has_symbol) {
  std::string where;
  auto add = [&](std::string_view clause) {
    where += where.empty() ? " WHERE " : " AND ";
    where += clause;
  };
  if (query.since) add(std::string(ts_column) + " >= :since");
  if (has_symbol && !query.symbol.empty()) add("symbol = :symbol");
  if (query.open_only) {
    add("status NOT IN ('Denied','Filled','Canceled','Rejected','Expired')");
  }
  return where;
}

void BindFilter(SQLite::Statement& st, const JournalQuery& query, bool has_symbol) {
  if (query.since) st.bind(":since", Ns(*query.since));
  if (has_symbol && !query.symbol.empty()) st.bind(":symbol", query.symbol);
  st.bind(":limit", static_cast<std::int64_t>(query.limit < 0 ? 0 : query.limit));
}

core::Result<OrderRecord> ReadOrder(SQLite::Statement& st) {
  OrderRecord o;
  o.client_oid = st.getColumn(0).getString();
  o.order_id = st.getColumn(1).getString();
  o.symbol = st.getColumn(2).getString();
  o.side = st.getColumn(3).getString();
  o.leg = st.getColumn(4).getString();
  o.order_type = st.getColumn(5).getString();
  o.time_in_force = st.getColumn(6).getString();
  BGT_STORE_TRY(price, ColumnOptionalDecimal(st.getColumn(7)));
  o.price = price;
  BGT_STORE_TRY(size, ColumnDecimal(st.getColumn(8)));
  o.size = size;
  BGT_STORE_TRY(filled, ColumnDecimal(st.getColumn(9)));
  o.filled = filled;
  BGT_STORE_TRY(average, ColumnOptionalDecimal(st.getColumn(10)));
  o.average_price = average;
  o.status = st.getColumn(11).getString();
  o.reduce_only = st.getColumn(12).getInt() != 0;
  o.created = ColumnTime(st.getColumn(13));
  o.updated = ColumnTime(st.getColumn(14));
  o.note = st.getColumn(15).getString();
  return o;
}

constexpr std::string_view kOrderColumns =
    "client_oid, order_id, symbol, side, leg, order_type, time_in_force, price, size, filled, "
    "average_price, status, reduce_only, created_ns, updated_ns, note";

}  // namespace

Journal::Journal(std::unique_ptr<SQLite::Database> db) : db_(std::move(db)) {}
Journal::~Journal() = default;

core::Result<std::unique_ptr<Journal>> Journal::Open(const std::string& path) {
  std::unique_ptr<SQLite::Database> db;
  try {
    db = std::make_unique<SQLite::Database>(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db->setBusyTimeout(5000);
    // Reading the schema fails here for a file that is not a database.
    const int version = db->execAndGet("PRAGMA user_version").getInt();
    if (version > kSchemaVersion) {
      return core::MakeError(core::ErrorCode::kFailedPrecondition,
                             "journal " + path + " has schema v" + std::to_string(version) +
                                 ", newer than this bgt's v" + std::to_string(kSchemaVersion) +
                                 "; use a newer bgt or another journal file");
    }
    if (path != ":memory:") db->exec("PRAGMA journal_mode=WAL");
    db->exec("PRAGMA synchronous=NORMAL");
    db->exec("PRAGMA foreign_keys=ON");
    for (int v = version; v < kSchemaVersion; ++v) {
      SQLite::Transaction transaction(*db);
      db->exec(std::string(kMigrations[static_cast<std::size_t>(v)]));
      db->exec("PRAGMA user_version=" + std::to_string(v + 1));
      transaction.commit();
    }
  } catch (const std::exception& e) {
    return SqlError("open " + path, e);
  }
  return std::unique_ptr<Journal>(new Journal(std::move(db)));
}

int Journal::schema_version() const {
  try {
    return db_->execAndGet("PRAGMA user_version").getInt();
  } catch (const std::exception&) {
    return -1;
  }
}

std::string Journal::journal_mode() const {
  try {
    return db_->execAndGet("PRAGMA journal_mode").getString();
  } catch (const std::exception& e) {
    return std::string("error: ") + e.what();
  }
}

core::Status Journal::WriteOne(const JournalRecord& record) {
  struct Visitor {
    SQLite::Database& db;
    void operator()(const OrderRecord& o) const {
      SQLite::Statement st(db,
                           "INSERT INTO orders VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
                           "ON CONFLICT(client_oid) DO UPDATE SET order_id=excluded.order_id, "
                           "price=excluded.price, size=excluded.size, filled=excluded.filled, "
                           "average_price=excluded.average_price, status=excluded.status, "
                           "updated_ns=excluded.updated_ns, note=excluded.note");
      st.bind(1, o.client_oid);
      st.bind(2, o.order_id);
      st.bind(3, o.symbol);
      st.bind(4, o.side);
      st.bind(5, o.leg);
      st.bind(6, o.order_type);
      st.bind(7, o.time_in_force);
      BindDecimal(st, 8, o.price);
      BindDecimal(st, 9, o.size);
      BindDecimal(st, 10, o.filled);
      BindDecimal(st, 11, o.average_price);
      st.bind(12, o.status);
      st.bind(13, o.reduce_only ? 1 : 0);
      st.bind(14, Ns(o.created));
      st.bind(15, Ns(o.updated));
      st.bind(16, o.note);
      st.exec();
      SQLite::Statement history(db,
                                "INSERT INTO order_history (client_oid, order_id, status, filled, "
                                "average_price, ts_ns, note) VALUES (?,?,?,?,?,?,?)");
      history.bind(1, o.client_oid);
      history.bind(2, o.order_id);
      history.bind(3, o.status);
      BindDecimal(history, 4, o.filled);
      BindDecimal(history, 5, o.average_price);
      history.bind(6, Ns(o.updated));
      history.bind(7, o.note);
      history.exec();
    }
    void operator()(const FillRecord& f) const {
      SQLite::Statement st(db, "INSERT OR IGNORE INTO fills VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
      st.bind(1, f.trade_id);
      st.bind(2, f.order_id);
      st.bind(3, f.client_oid);
      st.bind(4, f.symbol);
      st.bind(5, f.side);
      st.bind(6, f.leg);
      BindDecimal(st, 7, f.price);
      BindDecimal(st, 8, f.size);
      BindDecimal(st, 9, f.fee);
      st.bind(10, f.fee_coin);
      BindDecimal(st, 11, f.realized_pnl);
      st.bind(12, Ns(f.ts));
      st.exec();
    }
    void operator()(const PositionRecord& p) const {
      SQLite::Statement st(db,
                           "INSERT INTO positions (ts_ns, symbol, leg, size, entry_price, "
                           "unrealized_pnl, source) VALUES (?,?,?,?,?,?,?)");
      st.bind(1, Ns(p.ts));
      st.bind(2, p.symbol);
      st.bind(3, p.leg);
      BindDecimal(st, 4, p.size);
      BindDecimal(st, 5, p.entry_price);
      BindDecimal(st, 6, p.unrealized_pnl);
      st.bind(7, p.source);
      st.exec();
    }
    void operator()(const EquityRecord& e) const {
      SQLite::Statement st(db,
                           "INSERT INTO equity (ts_ns, equity, balance, unrealized_pnl, "
                           "margin_used, fees, funding) VALUES (?,?,?,?,?,?,?)");
      st.bind(1, Ns(e.ts));
      BindDecimal(st, 2, e.equity);
      BindDecimal(st, 3, e.balance);
      BindDecimal(st, 4, e.unrealized_pnl);
      BindDecimal(st, 5, e.margin_used);
      BindDecimal(st, 6, e.fees);
      BindDecimal(st, 7, e.funding);
      st.exec();
    }
    void operator()(const EventRecord& e) const {
      SQLite::Statement st(
          db, "INSERT INTO events (ts_ns, kind, symbol, message, detail) VALUES (?,?,?,?,?)");
      st.bind(1, Ns(e.ts));
      st.bind(2, e.kind);
      st.bind(3, e.symbol);
      st.bind(4, e.message);
      st.bind(5, e.detail);
      st.exec();
    }
    void operator()(const ConfigRecord& c) const {
      SQLite::Statement st(db, "INSERT INTO config (ts_ns, text) VALUES (?,?)");
      st.bind(1, Ns(c.ts));
      st.bind(2, c.text);
      st.exec();
    }
  };
  try {
    std::visit(Visitor{*db_}, record);
  } catch (const std::exception& e) {
    return SqlError("write", e);
  }
  return core::Status::Ok();
}

core::Status Journal::Write(const JournalRecord& record) {
  return WriteBatch(std::vector<JournalRecord>{record});
}

core::Status Journal::WriteBatch(const std::vector<JournalRecord>& records) {
  try {
    SQLite::Transaction transaction(*db_);
    for (const JournalRecord& record : records) {
      if (core::Status status = WriteOne(record); !status) return status;  // rolls back
    }
    transaction.commit();
  } catch (const std::exception& e) {
    return SqlError("commit", e);
  }
  return core::Status::Ok();
}

core::Result<bool> Journal::HasFill(const std::string& trade_id) const {
  try {
    SQLite::Statement st(*db_, "SELECT 1 FROM fills WHERE trade_id = ?");
    st.bind(1, trade_id);
    return st.executeStep();
  } catch (const std::exception& e) {
    return SqlError("read fills", e);
  }
}

core::Result<std::vector<OrderRecord>> Journal::Orders(const JournalQuery& query) const {
  try {
    SQLite::Statement st(*db_, "SELECT " + std::string(kOrderColumns) + " FROM orders" +
                                   Filter(query, "updated_ns", true) +
                                   " ORDER BY updated_ns DESC, client_oid LIMIT :limit");
    BindFilter(st, query, true);
    std::vector<OrderRecord> out;
    while (st.executeStep()) {
      BGT_STORE_TRY(order, ReadOrder(st));
      out.push_back(std::move(order));
    }
    return out;
  } catch (const std::exception& e) {
    return SqlError("read orders", e);
  }
}

core::Result<std::vector<OrderRecord>> Journal::OrderHistory(const std::string& client_oid) const {
  try {
    SQLite::Statement current(
        *db_, "SELECT " + std::string(kOrderColumns) + " FROM orders WHERE client_oid = ?");
    current.bind(1, client_oid);
    if (!current.executeStep()) return std::vector<OrderRecord>{};
    BGT_STORE_TRY(base, ReadOrder(current));
    SQLite::Statement st(*db_,
                         "SELECT order_id, status, filled, average_price, ts_ns, note FROM "
                         "order_history WHERE client_oid = ? ORDER BY id");
    st.bind(1, client_oid);
    std::vector<OrderRecord> out;
    while (st.executeStep()) {
      OrderRecord o = base;
      o.order_id = st.getColumn(0).getString();
      o.status = st.getColumn(1).getString();
      BGT_STORE_TRY(filled, ColumnDecimal(st.getColumn(2)));
      o.filled = filled;
      BGT_STORE_TRY(average, ColumnOptionalDecimal(st.getColumn(3)));
      o.average_price = average;
      o.updated = ColumnTime(st.getColumn(4));
      o.note = st.getColumn(5).getString();
      out.push_back(std::move(o));
    }
    return out;
  } catch (const std::exception& e) {
    return SqlError("read order history", e);
  }
}

core::Result<std::vector<FillRecord>> Journal::Fills(const JournalQuery& query) const {
  try {
    SQLite::Statement st(*db_,
                         "SELECT trade_id, order_id, client_oid, symbol, side, leg, price, size, "
                         "fee, fee_coin, realized_pnl, ts_ns FROM fills" +
                             Filter(query, "ts_ns", true) +
                             " ORDER BY ts_ns DESC, trade_id LIMIT :limit");
    BindFilter(st, query, true);
    std::vector<FillRecord> out;
    while (st.executeStep()) {
      FillRecord f;
      f.trade_id = st.getColumn(0).getString();
      f.order_id = st.getColumn(1).getString();
      f.client_oid = st.getColumn(2).getString();
      f.symbol = st.getColumn(3).getString();
      f.side = st.getColumn(4).getString();
      f.leg = st.getColumn(5).getString();
      BGT_STORE_TRY(price, ColumnDecimal(st.getColumn(6)));
      f.price = price;
      BGT_STORE_TRY(size, ColumnDecimal(st.getColumn(7)));
      f.size = size;
      BGT_STORE_TRY(fee, ColumnDecimal(st.getColumn(8)));
      f.fee = fee;
      f.fee_coin = st.getColumn(9).getString();
      BGT_STORE_TRY(pnl, ColumnOptionalDecimal(st.getColumn(10)));
      f.realized_pnl = pnl;
      f.ts = ColumnTime(st.getColumn(11));
      out.push_back(std::move(f));
    }
    return out;
  } catch (const std::exception& e) {
    return SqlError("read fills", e);
  }
}

core::Result<std::vector<PositionRecord>> Journal::Positions(const JournalQuery& query) const {
  try {
    SQLite::Statement st(*db_,
                         "SELECT ts_ns, symbol, leg, size, entry_price, unrealized_pnl, source "
                         "FROM positions" +
                             Filter(query, "ts_ns", true) + " ORDER BY id DESC LIMIT :limit");
    BindFilter(st, query, true);
    std::vector<PositionRecord> out;
    while (st.executeStep()) {
      PositionRecord p;
      p.ts = ColumnTime(st.getColumn(0));
      p.symbol = st.getColumn(1).getString();
      p.leg = st.getColumn(2).getString();
      BGT_STORE_TRY(size, ColumnDecimal(st.getColumn(3)));
      p.size = size;
      BGT_STORE_TRY(entry, ColumnOptionalDecimal(st.getColumn(4)));
      p.entry_price = entry;
      BGT_STORE_TRY(upl, ColumnOptionalDecimal(st.getColumn(5)));
      p.unrealized_pnl = upl;
      p.source = st.getColumn(6).getString();
      out.push_back(std::move(p));
    }
    return out;
  } catch (const std::exception& e) {
    return SqlError("read positions", e);
  }
}

core::Result<std::vector<EquityRecord>> Journal::Equity(const JournalQuery& query) const {
  try {
    SQLite::Statement st(*db_,
                         "SELECT ts_ns, equity, balance, unrealized_pnl, margin_used, fees, "
                         "funding FROM equity" +
                             Filter(query, "ts_ns", false) + " ORDER BY id DESC LIMIT :limit");
    BindFilter(st, query, false);
    std::vector<EquityRecord> out;
    while (st.executeStep()) {
      EquityRecord e;
      e.ts = ColumnTime(st.getColumn(0));
      core::Decimal* fields[] = {&e.equity,      &e.balance, &e.unrealized_pnl,
                                 &e.margin_used, &e.fees,    &e.funding};
      for (int i = 0; i < 6; ++i) {
        BGT_STORE_TRY(value, ColumnDecimal(st.getColumn(i + 1)));
        *fields[i] = value;
      }
      out.push_back(std::move(e));
    }
    return out;
  } catch (const std::exception& e) {
    return SqlError("read equity", e);
  }
}

core::Result<std::vector<EventRecord>> Journal::Events(const JournalQuery& query) const {
  try {
    SQLite::Statement st(*db_, "SELECT ts_ns, kind, symbol, message, detail FROM events" +
                                   Filter(query, "ts_ns", true) + " ORDER BY id DESC LIMIT :limit");
    BindFilter(st, query, true);
    std::vector<EventRecord> out;
    while (st.executeStep()) {
      EventRecord e;
      e.ts = ColumnTime(st.getColumn(0));
      e.kind = st.getColumn(1).getString();
      e.symbol = st.getColumn(2).getString();
      e.message = st.getColumn(3).getString();
      e.detail = st.getColumn(4).getString();
      out.push_back(std::move(e));
    }
    return out;
  } catch (const std::exception& e) {
    return SqlError("read events", e);
  }
}

core::Result<std::optional<ConfigRecord>> Journal::LastConfig() const {
  try {
    SQLite::Statement st(*db_, "SELECT ts_ns, text FROM config ORDER BY id DESC LIMIT 1");
    if (!st.executeStep()) return std::optional<ConfigRecord>();
    return std::optional<ConfigRecord>(
        ConfigRecord{ColumnTime(st.getColumn(0)), st.getColumn(1).getString()});
  } catch (const std::exception& e) {
    return SqlError("read config", e);
  }
}

}  // namespace bgt::store
