// build.cpp — the build command: workers, writer, incremental state, switch (see build.h).
#include "indexer/build.h"

#include <xapian.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <fstream>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "indexer/dbdir.h"
#include "indexer/process.h"
#include "indexer/writer.h"
#include "schema/gazetteer.h"

namespace fs = std::filesystem;

namespace dossier::indexer {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

std::string format_duration(double s) {
  if (s < 0 || s > 1e7) return "--:--";
  long t = static_cast<long>(s + 0.5);
  char buf[32];
  if (t >= 3600)
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", t / 3600, (t / 60) % 60, t % 60);
  else
    std::snprintf(buf, sizeof buf, "%ld:%02ld", t / 60, t % 60);
  return buf;
}

// A bounded queue between the workers and the writer: workers wait when the
// writer falls behind, so memory stays bounded however large the archive. It is
// bounded in bytes, and roomy: while the writer flushes a batch (one core) the
// workers go on parsing on the others instead of waiting.
class ResultQueue {
 public:
  ResultQueue(std::size_t max_items, std::size_t max_bytes) : max_items_(max_items), max_bytes_(max_bytes) {}
  void push(UnitResult&& r) {
    std::size_t size = bytes_of(r);
    std::unique_lock lock(mu_);
    not_full_.wait(lock, [&] {
      return items_.empty() || (items_.size() < max_items_ && bytes_ + size <= max_bytes_);
    });
    bytes_ += size;
    items_.push_back(std::move(r));
    not_empty_.notify_one();
  }
  // Waits up to `timeout` for a result; false when none came.
  bool pop(UnitResult& out, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mu_);
    if (!not_empty_.wait_for(lock, timeout, [&] { return !items_.empty(); })) return false;
    out = std::move(items_.front());
    items_.pop_front();
    bytes_ -= std::min(bytes_, bytes_of(out));
    not_full_.notify_all();
    return true;
  }

 private:
  static std::size_t bytes_of(const UnitResult& r) {
    std::size_t n = 256;
    for (const auto& v : r.posts) n += 2 * (v.doc.body.size() + v.doc.title.size()) + 512;
    return n;
  }
  std::mutex mu_;
  std::condition_variable not_full_, not_empty_;
  std::deque<UnitResult> items_;
  std::size_t max_items_, max_bytes_, bytes_ = 0;
};

class Progress {
 public:
  Progress(std::ostream& log, bool enabled, std::size_t total)
      : log_(log), enabled_(enabled), total_(total), start_(Clock::now()) {}
  void update(std::size_t done, std::size_t docs, bool force = false) {
    if (!enabled_) return;
    auto now = Clock::now();
    if (!force && now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    double elapsed = seconds_since(start_);
    double rate = elapsed > 0 ? done / elapsed : 0;
    double eta = rate > 0 ? (total_ - done) / rate : -1;
    constexpr int kWidth = 28;
    int filled = total_ ? static_cast<int>(kWidth * done / total_) : kWidth;
    std::string bar(filled, '=');
    if (filled < kWidth) bar += '>' + std::string(kWidth - filled - 1, ' ');
    char line[256];
    std::snprintf(line, sizeof line, "\r[%s] %zu/%zu files  %zu posts  %.0f files/s  ETA %s ",
                  bar.c_str(), done, total_, docs, rate, format_duration(eta).c_str());
    log_ << line << std::flush;
    drawn_ = true;
  }
  void done() {
    if (drawn_) log_ << "\n";
  }

 private:
  std::ostream& log_;
  bool enabled_;
  std::size_t total_;
  Clock::time_point start_, last_{};
  bool drawn_ = false;
};

std::string canonical_or_same(const std::string& p) {
  std::error_code ec;
  fs::path c = fs::weakly_canonical(fs::absolute(p, ec), ec);
  return ec ? p : c.string();
}

}  // namespace

nlohmann::json BuildReport::to_json() const {
  nlohmann::json failed = nlohmann::json::array(), warned = nlohmann::json::array();
  for (const auto& f : failures) failed.push_back({{"where", f.where}, {"reason", f.reason}});
  for (const auto& w : warnings) warned.push_back({{"where", w.where}, {"reason", w.reason}});
  return {{"exit_code", exit_code},
          {"fatal", fatal.empty() ? nlohmann::json(nullptr) : nlohmann::json(fatal)},
          {"database", database},
          {"shards", shards},
          {"counts",
           {{"read", units - unchanged - failed_units},
            {"sources", units},
            {"new", added_units},
            {"changed", changed_units},
            {"unchanged", unchanged},
            {"removed", removed_units},
            {"failed", failures.size()},
            {"refreshed", refreshed_units},
            {"pages", pages},
            {"listing_pages", listing_pages},
            {"posts_read", posts},
            {"skipped", skipped},
            {"http_errors", http_errors},
            {"redirects", redirects},
            {"bytes_read", bytes_read}}},
          {"documents",
           {{"added", docs_added},
            {"updated", docs_updated},
            {"deleted", docs_deleted},
            {"total", documents}}},
          {"failures", failed},
          {"warnings", warned},
          {"seconds",
           {{"walk", seconds_walk},
            {"process", seconds_process},
            {"commit", seconds_commit},
            {"total", seconds_total}}}};
}

std::string BuildReport::summary_line() const {
  char buf[512];
  if (exit_code == 2) {
    std::snprintf(buf, sizeof buf, "dossier-index: failed, nothing changed: %s", fatal.c_str());
    return buf;
  }
  std::snprintf(buf, sizeof buf,
                "dossier-index: %zu sources (%zu new, %zu changed, %zu unchanged, %zu removed, "
                "%zu failed); %zu documents (+%zu ~%zu -%zu) in %.1f s",
                units, added_units, changed_units, unchanged, removed_units, failures.size(),
                documents, docs_added, docs_updated, docs_deleted, seconds_total);
  return buf;
}

BuildReport run_build(const BuildOptions& opt, std::ostream& log) {
  BuildReport report;
  auto t0 = Clock::now();
  auto fatal = [&](const std::string& why) {
    report.exit_code = 2;
    report.fatal = why;
    report.seconds_total = seconds_since(t0);
    return report;
  };
  if (opt.sources.empty()) return fatal("no SOURCE given");

  std::optional<schema::Gazetteers> gazetteers;
  try {
    gazetteers.emplace(schema::Gazetteers::load(
        opt.data_dir.empty() ? schema::Gazetteers::default_dir() : opt.data_dir));
  } catch (const std::exception& e) {
    return fatal(std::string("gazetteers: ") + e.what());
  }

  DatabaseDir dir(opt.db);
  std::unique_ptr<BuildLock> lock;
  try {
    lock = std::make_unique<BuildLock>(opt.db);
  } catch (const std::exception& e) {
    return fatal(e.what());
  }
  dir.remove_unfinished_generations();

  bool full = opt.full || !dir.exists();
  if (!full) {
    // A database an older Dossier wrote (another schema: terms, values or
    // records in another form) is rebuilt, not mixed with the new form.
    std::string version;
    try {
      version = Xapian::Database(dir.stub_path().string()).get_metadata(std::string(schema::meta::kSchemaVersion));
    } catch (const Xapian::Error&) {
      // Left to the opening below, which names the problem.
    }
    if (!version.empty() && version != schema::kSchemaVersionValue) {
      log << "dossier-index: " << opt.db.string() << " was written with schema " << version << " (this is "
          << schema::kSchemaVersionValue << "): rebuilding it from scratch\n";
      full = true;
    }
  }
  std::string generation;            // a full build's new generation folder
  std::vector<std::string> targets;  // the databases written, relative to the folder (one per shard)
  std::string target;                // the one being opened, for messages
  unsigned parts = 0;                // a full build's parallel parts, compacted into one database
  std::vector<std::unique_ptr<Xapian::WritableDatabase>> dbs;
  // We commit between whole units ourselves; Xapian must not flush in between.
  ::setenv("XAPIAN_FLUSH_THRESHOLD", "1000000", 1);
  try {
    auto live = dir.live_databases();
    if (!full && live.empty()) return fatal("cannot read the stub " + dir.stub_path().string());
    if (!full && opt.shards && opt.shards != live.size())
      return fatal("the database has " + std::to_string(live.size()) + " shard(s); use --full to make " +
                   std::to_string(opt.shards));
    if (full) {
      // A rebuild keeps the number of shards it had; a new database has one.
      // (Shards are written in parallel, but their commits are not one atomic
      // step: an incremental run's readers may see one shard ahead of another.)
      unsigned shards = opt.shards ? opt.shards : std::max<unsigned>(1, live.size());
      generation = dir.next_generation();
      // One database is written fastest as several, one per worker, written in
      // parallel and then merged by Xapian's compaction (a bulk copy of sorted
      // tables: a fraction of a second per 10,000 posts) before the switch.
      unsigned workers = opt.jobs ? opt.jobs : std::max(1u, std::thread::hardware_concurrency());
      if (shards == 1 && workers > 1) {
        parts = std::min(workers, 4u);
        std::error_code ec;
        fs::create_directories(opt.db / (generation + ".parts"), ec);
        if (ec)
          return fatal("cannot create " + (opt.db / generation).string() + ".parts: " + ec.message());
        for (unsigned i = 0; i < parts; ++i)
          targets.push_back(generation + ".parts/p" + std::to_string(i));
      } else if (shards == 1) {
        targets = {generation};
      } else {
        std::error_code ec;
        fs::create_directories(opt.db / generation, ec);
        if (ec)
          return fatal("cannot create " + (opt.db / generation).string() + ": " + ec.message());
        for (unsigned i = 0; i < shards; ++i) targets.push_back(generation + "/s" + std::to_string(i));
      }
    } else {
      targets = live;
    }
    for (const auto& t : targets) {
      target = t;
      dbs.push_back(std::make_unique<Xapian::WritableDatabase>(
          (opt.db / t).string(),
          full ? Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS : Xapian::DB_OPEN));
    }
    if (full) stop_point("generation");
  } catch (const Xapian::Error& e) {
    // get_description(): the error's class and errno ("DatabaseCorruptError: ...",
    // "mkdir failed (Permission denied)"); get_msg() alone leaves both out.
    return fatal("cannot open database " + (opt.db / target).string() + ": " + e.get_description());
  }
  auto abandon = [&](const std::string& why) {
    dbs.clear();
    if (full) {
      std::error_code ec;
      fs::remove_all(opt.db / generation, ec);
      fs::remove_all(opt.db / (generation + ".parts"), ec);
    }
    return fatal(why);
  };

  // Walk every source first: the progress bar needs the total, and removals need the full list.
  std::vector<SourceUnit> units;
  std::set<std::string> walked_roots;
  for (const auto& source : opt.sources) {
    std::error_code ec;
    if (!fs::exists(source, ec)) {
      report.failures.push_back({source, "no such file or directory"});
      continue;
    }
    std::string root = canonical_or_same(source);
    walked_roots.insert(root);
    walk_source(
        source,
        [&](SourceUnit&& u) {
          u.given = root;
          units.push_back(std::move(u));
        },
        [&](SourceError&& e) {
          log << "dossier-index: " << e.where << ": " << (e.warning ? "warning: " : "") << e.reason
              << "\n";
          (e.warning ? report.warnings : report.failures).push_back(std::move(e));
        });
  }
  // Two SOURCE arguments may name the same files.
  {
    std::unordered_set<std::string> seen;
    std::erase_if(units, [&](const SourceUnit& u) { return !seen.insert(u.key).second; });
  }
  report.units = units.size();
  report.seconds_walk = seconds_since(t0);

  try {
    std::vector<Xapian::WritableDatabase*> shards;
    for (auto& d : dbs) shards.push_back(d.get());
    IndexWriter::Options wopt;
    wopt.fresh = full;
    IndexWriter writer(shards, wopt);
    auto states = full ? std::unordered_map<std::string, SourceState>{} : writer.load_states();

    ProcessOptions popt;
    popt.limits = opt.limits;
    popt.limits.pages_only = true;
    popt.defer_listing_copies = true;
    UnitProcessor processor(*gazetteers, popt);
    writer.set_finisher([&](PostVersion& v) { processor.finish(v); });
    unsigned jobs = opt.jobs ? opt.jobs : std::max(1u, std::thread::hardware_concurrency());

    auto t_process = Clock::now();
    auto run_units = [&](const std::vector<const SourceUnit*>& todo, bool force) {
      ResultQueue queue(8192, 96u << 20);
      std::atomic<std::size_t> next{0};
      std::atomic<bool> stop{false};
      std::vector<std::thread> workers;
      std::atomic<unsigned> running{jobs};
      for (unsigned j = 0; j < jobs; ++j) {
        workers.emplace_back([&] {
          for (std::size_t i; !stop && (i = next++) < todo.size();) {
            const SourceUnit& u = *todo[i];
            std::string known;
            if (!force)
              if (auto it = states.find(u.key); it != states.end()) known = it->second.hash;
            try {
              processor.process(u, known, [&](UnitResult&& r) { queue.push(std::move(r)); });
            } catch (const std::exception& e) {
              UnitResult r;
              r.key = u.key;
              r.given = u.given;
              r.failed = true;
              r.errors.push_back({u.path, std::string("internal error: ") + e.what()});
              queue.push(std::move(r));
            }
          }
          --running;
        });
      }
      Progress progress(log, opt.progress && !opt.quiet, todo.size());
      std::size_t done = 0;
      try {
        while (done < todo.size()) {
          UnitResult r;
          if (!queue.pop(r, std::chrono::milliseconds(200))) {
            progress.update(done, report.posts);
            continue;
          }
          bool last = r.last;
          report.pages += r.counts.pages;
          report.listing_pages += r.counts.listing_pages;
          report.posts += r.counts.posts;
          report.skipped += r.counts.skipped;
          report.http_errors += r.counts.http_errors;
          report.redirects += r.counts.redirects;
          if (last) {
            ++done;
            report.bytes_read += r.unchanged ? 0 : r.size;
            if (force)
              ++report.refreshed_units;
            else if (r.unchanged)
              ++report.unchanged;
            else if (r.failed)
              ;
            else if (states.count(r.key))
              ++report.changed_units;
            else
              ++report.added_units;
            bool lost = false;
            for (auto& e : r.errors) {
              log << (opt.progress && !opt.quiet ? "\r" : "") << "dossier-index: " << e.where
                  << ": " << (e.warning ? "warning: " : "") << e.reason << "\n";
              lost |= !e.warning;
              (e.warning ? report.warnings : report.failures).push_back(std::move(e));
            }
            if (lost) ++report.failed_units;
          }
          if (r.unchanged && !force) {
            // Same content: its state needs rewriting only when the file's size,
            // time or SOURCE changed, and then with the posts it lists kept.
            auto it = states.find(r.key);
            if (it != states.end()) {
              const SourceState& was = it->second;
              if (was.size == r.size && was.mtime_ns == r.mtime_ns && was.given == r.given) {
                progress.update(done, report.posts);
                continue;
              }
              r.listed = was.listed;
            }
          }
          writer.apply(std::move(r));
          progress.update(done, report.posts);
        }
      } catch (...) {
        stop = true;
        // Let the workers finish their current unit; drain so none blocks on a full queue.
        while (running > 0) {
          UnitResult r;
          queue.pop(r, std::chrono::milliseconds(50));
        }
        for (auto& w : workers) w.join();
        throw;
      }
      for (auto& w : workers) w.join();
      progress.update(done, report.posts, true);
      progress.done();
    };

    std::vector<const SourceUnit*> todo;
    todo.reserve(units.size());
    for (const auto& u : units) todo.push_back(&u);
    run_units(todo, false);

    // Sources that are gone (only under roots walked this time: a missing root removes nothing).
    std::unordered_set<std::string> present;
    for (const auto& u : units) present.insert(u.key);
    for (const auto& [key, state] : states) {
      if (present.count(key) || !walked_roots.count(state.given)) continue;
      writer.remove_source(key);
      ++report.removed_units;
    }
    auto t_commit = Clock::now();
    writer.finish();
    // Posts whose shown text came from a changed or removed source: read their other sources again.
    auto refresh = writer.sources_to_refresh();
    if (!refresh.empty()) {
      std::vector<const SourceUnit*> again;
      for (const auto& u : units)
        if (refresh.count(u.key)) again.push_back(&u);
      run_units(again, true);
      writer.finish();
    }
    report.seconds_process = std::chrono::duration<double>(t_commit - t_process).count();
    report.seconds_commit = seconds_since(t_commit);
    report.docs_added = writer.stats().added;
    report.docs_updated = writer.stats().updated;
    report.docs_deleted = writer.stats().deleted;
    report.documents = 0;
    for (auto& d : dbs) {
      report.documents += d->get_doccount();
      d->close();
    }
  } catch (const Xapian::Error& e) {
    return abandon("writing " + (opt.db / (full ? generation : targets[0])).string() + ": " +
                   e.get_description());
  } catch (const std::exception& e) {
    return abandon(std::string("writing the database: ") + e.what());
  }

  if (full && parts > 0) {
    auto t_compact = Clock::now();
    try {
      Xapian::Database all;
      for (const auto& t : targets) all.add_database(Xapian::Database((opt.db / t).string()));
      // Reports each table as it is merged; the kill tests stop the build
      // between two tables, with the generation half written.
      struct Progress : Xapian::Compactor {
        void set_status(const std::string&, const std::string& status) override {
          if (!status.empty()) stop_point("merging");
        }
      } progress;
      all.compact((opt.db / generation).string(), 0, 0, progress);
      all.close();
    } catch (const Xapian::Error& e) {
      return abandon("merging the parts into " + (opt.db / generation).string() + ": " +
                     e.get_description());
    }
    std::error_code ec;
    fs::remove_all(opt.db / (generation + ".parts"), ec);
    targets = {generation};
    report.seconds_commit += seconds_since(t_compact);
  }
  if (full) {
    try {
      dir.switch_to(targets);
      dir.remove_old_generations();
    } catch (const std::exception& e) {
      return abandon(e.what());
    }
  }
  report.database = (opt.db / (full ? generation : targets[0].substr(0, targets[0].find('/')))).string();
  report.shards = targets.size();
  report.exit_code = report.failures.empty() ? 0 : 1;
  report.seconds_total = seconds_since(t0);
  return report;
}

}  // namespace dossier::indexer
