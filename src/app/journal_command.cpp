#include "app/journal_command.h"

#include <boost/json.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <utility>

#include "app/exit_codes.h"
#include "app/table.h"
#include "app/venue_command.h"
#include "store/journal.h"

namespace bgt::app {
namespace {

enum class View { kOrders, kFills, kPositions, kEquity, kEvents };

struct JournalArgs {
  View view = View::kOrders;
  std::string file = "bgt-journal.db";
  std::string symbol;
  std::string since;
  int limit = 50;
  bool open_only = false;
};

std::string Text(const std::optional<core::Decimal>& value) {
  return value ? value->ToString() : std::string();
}

struct Rendered {
  boost::json::array rows;
  Table table{{}};
};

Rendered Orders(const std::vector<store::OrderRecord>& orders) {
  Rendered r{{},
             Table({"updated", "client_oid", "order_id", "symbol", "side", "leg", "type", "price",
                    "size", "filled", "avg", "status", "note"})};
  for (const auto& o : orders) {
    r.rows.push_back({{"updated", Cell(o.updated)},
                      {"created", Cell(o.created)},
                      {"client_oid", o.client_oid},
                      {"order_id", o.order_id},
                      {"symbol", o.symbol},
                      {"side", o.side},
                      {"leg", o.leg},
                      {"order_type", o.order_type},
                      {"time_in_force", o.time_in_force},
                      {"price", Text(o.price)},
                      {"size", o.size.ToString()},
                      {"filled", o.filled.ToString()},
                      {"average_price", Text(o.average_price)},
                      {"status", o.status},
                      {"reduce_only", o.reduce_only},
                      {"note", o.note}});
    r.table.AddRow({Cell(o.updated), o.client_oid, Cell(o.order_id), o.symbol, o.side, o.leg,
                    o.order_type, Cell(o.price), Cell(o.size), Cell(o.filled),
                    Cell(o.average_price), o.status, Cell(o.note)});
  }
  return r;
}

Rendered Fills(const std::vector<store::FillRecord>& fills) {
  Rendered r{{},
             Table({"time", "trade_id", "client_oid", "symbol", "side", "leg", "price", "size",
                    "fee", "pnl"})};
  for (const auto& f : fills) {
    r.rows.push_back({{"ts", Cell(f.ts)},
                      {"trade_id", f.trade_id},
                      {"order_id", f.order_id},
                      {"client_oid", f.client_oid},
                      {"symbol", f.symbol},
                      {"side", f.side},
                      {"leg", f.leg},
                      {"price", f.price.ToString()},
                      {"size", f.size.ToString()},
                      {"fee", f.fee.ToString()},
                      {"fee_coin", f.fee_coin},
                      {"realized_pnl", Text(f.realized_pnl)}});
    r.table.AddRow({Cell(f.ts), f.trade_id, Cell(f.client_oid), f.symbol, f.side, f.leg,
                    Cell(f.price), Cell(f.size), Cell(f.fee), Cell(f.realized_pnl)});
  }
  return r;
}

Rendered Positions(const std::vector<store::PositionRecord>& positions) {
  Rendered r{{}, Table({"time", "symbol", "leg", "size", "entry", "upl", "source"})};
  for (const auto& p : positions) {
    r.rows.push_back({{"ts", Cell(p.ts)},
                      {"symbol", p.symbol},
                      {"leg", p.leg},
                      {"size", p.size.ToString()},
                      {"entry_price", Text(p.entry_price)},
                      {"unrealized_pnl", Text(p.unrealized_pnl)},
                      {"source", p.source}});
    r.table.AddRow({Cell(p.ts), p.symbol, p.leg, Cell(p.size), Cell(p.entry_price),
                    Cell(p.unrealized_pnl), p.source});
  }
  return r;
}

Rendered Equity(const std::vector<store::EquityRecord>& equity) {
  Rendered r{{}, Table({"time", "equity", "balance", "upl", "margin", "fees", "funding"})};
  for (const auto& e : equity) {
    r.rows.push_back({{"ts", Cell(e.ts)},
                      {"equity", e.equity.ToString()},
                      {"balance", e.balance.ToString()},
                      {"unrealized_pnl", e.unrealized_pnl.ToString()},
                      {"margin_used", e.margin_used.ToString()},
                      {"fees", e.fees.ToString()},
                      {"funding", e.funding.ToString()}});
    r.table.AddRow({Cell(e.ts), Cell(e.equity), Cell(e.balance), Cell(e.unrealized_pnl),
                    Cell(e.margin_used), Cell(e.fees), Cell(e.funding)});
  }
  return r;
}

Rendered Events(const std::vector<store::EventRecord>& events) {
  Rendered r{{}, Table({"time", "kind", "symbol", "message"})};
  for (const auto& e : events) {
    r.rows.push_back({{"ts", Cell(e.ts)},
                      {"kind", e.kind},
                      {"symbol", e.symbol},
                      {"message", e.message},
                      {"detail", e.detail}});
    r.table.AddRow({Cell(e.ts), e.kind, Cell(e.symbol), e.message});
  }
  return r;
}

core::Result<Rendered> Read(const store::Journal& journal, const JournalArgs& args,
                            const store::JournalQuery& query) {
  auto render = [](auto result, auto fn) -> core::Result<Rendered> {
    if (!result) return result.error();
    return fn(*result);
  };
  switch (args.view) {
    case View::kOrders:
      return render(journal.Orders(query), Orders);
    case View::kFills:
      return render(journal.Fills(query), Fills);
    case View::kPositions:
      return render(journal.Positions(query), Positions);
    case View::kEquity:
      return render(journal.Equity(query), Equity);
    case View::kEvents:
      return render(journal.Events(query), Events);
  }
  return core::MakeError(core::ErrorCode::kInternal, "unknown journal view");
}

int Fail(const GlobalOptions& options, const Io& io, const core::Error& error) {
  if (options.json) {
    io.out << boost::json::serialize(boost::json::object{{"ok", false}, {"error", error.message}})
           << "\n";
  } else {
    io.err << "bgt: " << error.message << "\n";
  }
  return kExitRuntimeFailure;
}

int RunJournal(const GlobalOptions& options, const Io& io, const JournalArgs& args) {
  store::JournalQuery query;
  query.symbol = args.symbol;
  query.limit = args.limit;
  query.open_only = args.open_only;
  if (!args.since.empty()) {
    auto since = ParseTimeArg(args.since);
    if (!since) return Fail(options, io, since.error());
    query.since = *since;
  }
  std::error_code ec;
  if (!std::filesystem::is_regular_file(args.file, ec)) {
    return Fail(options, io,
                core::MakeError(core::ErrorCode::kNotFound, "no journal at " + args.file));
  }
  auto journal = store::Journal::Open(args.file);
  if (!journal) return Fail(options, io, journal.error());
  auto rendered = Read(**journal, args, query);
  if (!rendered) return Fail(options, io, rendered.error());
  if (options.json) {
    io.out << boost::json::serialize(
                  boost::json::object{{"ok", true}, {"rows", std::move(rendered->rows)}})
           << "\n";
  } else {
    rendered->table.Render(io.out);
  }
  return io.out.good() ? kExitOk : kExitRuntimeFailure;
}

void AddView(CLI::App* group, std::vector<CommandEntry>& commands, const char* name,
             const char* help, View view) {
  auto args = std::make_shared<JournalArgs>();
  args->view = view;
  CLI::App* cmd = group->add_subcommand(name, help)->fallthrough();
  cmd->add_option("--file", args->file, "The journal file")->capture_default_str();
  cmd->add_option("--symbol", args->symbol, "Only this symbol")->transform(SymbolArg());
  cmd->add_option("--since", args->since, "Only rows at or after this time")->check(TimeArg());
  cmd->add_option("--limit", args->limit, "Newest rows, at most this many")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  if (view == View::kOrders) {
    cmd->add_flag("--open", args->open_only, "Only orders not in a final state");
  }
  commands.push_back({cmd, [args](const GlobalOptions& options, const Io& io) {
                        return RunJournal(options, io, *args);
                      }});
}

}  // namespace

CLI::App* AddJournalCommands(CLI::App& app, std::vector<CommandEntry>& commands) {
  CLI::App* journal =
      app.add_subcommand("journal", "Inspect the node's SQLite journal")->fallthrough();
  journal->require_subcommand(0, 1);
  AddView(journal, commands, "orders", "Orders, newest change first", View::kOrders);
  AddView(journal, commands, "fills", "Fills, newest first", View::kFills);
  AddView(journal, commands, "positions", "Position snapshots, newest first", View::kPositions);
  AddView(journal, commands, "equity", "Equity snapshots, newest first", View::kEquity);
  AddView(journal, commands, "events", "Risk, order, reconciliation and node events",
          View::kEvents);
  return journal;
}

}  // namespace bgt::app
