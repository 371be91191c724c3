// fault_support.h — what the fault and hostile-input tests share on top of
// support.h: generated archives cached in the build folder, processes started
// in the background (optionally as "nobody", or with a file size limit),
// waiting on file system events with inotify, a private mount namespace for
// tmpfs mounts, a client that keeps asking searchd while something happens
// underneath, and the resident memory of a process.
#pragma once

#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <signal.h>
#include <sys/inotify.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <poll.h>
#include <random>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "support.h"

namespace dossier::test::fault {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

inline std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

inline void spit(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

// corpus/generate --posts N --seed S, made once and kept in the build folder
// (the generator's output depends only on its arguments). Safe when several
// test processes ask at once: each generates beside and renames into place.
inline fs::path generated_corpus(int posts, int seed) {
  fs::path cache = build_dir() / "test-corpora";
  fs::path dir = cache / ("posts" + std::to_string(posts) + "-seed" + std::to_string(seed));
  if (fs::exists(dir / "labels.json")) return dir;
  fs::create_directories(cache);
  fs::path tmp = cache / (dir.filename().string() + ".tmp" + std::to_string(::getpid()));
  fs::remove_all(tmp);
  auto r = run({(source_dir() / "corpus" / "generate").string(), "--posts", std::to_string(posts),
                "--seed", std::to_string(seed), "--out", tmp.string()});
  if (r.exit_code != 0) throw std::runtime_error("corpus/generate failed: " + r.err);
  std::error_code ec;
  fs::rename(tmp, dir, ec);
  if (ec) fs::remove_all(tmp);  // another process got there first
  if (!fs::exists(dir / "labels.json")) throw std::runtime_error("no corpus at " + dir.string());
  return dir;
}

// The host folder of a generated archive (DIR/HOST/...), i.e. a mirror SOURCE is DIR.
inline std::size_t label_count(const fs::path& corpus_dir) {
  return nlohmann::json::parse(slurp(corpus_dir / "labels.json")).size();
}

// Replaces `to` with a copy of `from` (a mirror that changed between two nights).
inline void replace_tree(const fs::path& from, const fs::path& to) {
  fs::remove_all(to);
  copy_tree(from, to);
}

// How a background process is started.
struct SpawnOptions {
  bool as_nobody = false;             // setgid/setuid 65534 before exec (tests run as root)
  std::uint64_t max_file_bytes = 0;   // RLIMIT_FSIZE (writes past it fail with EFBIG)
  std::map<std::string, std::string> env;
};

// A process started in the background, stdout and stderr to files.
class Process {
 public:
  Process(const std::vector<std::string>& argv, const SpawnOptions& opt = {}) : dir_("proc") {
    out_ = dir_ / "out";
    err_ = dir_ / "err";
    ::chmod(dir_.path().c_str(), 0777);
    std::vector<std::string> args = argv;
    std::vector<char*> av;
    for (auto& a : args) av.push_back(a.data());
    av.push_back(nullptr);
    std::vector<std::string> env_strings;
    for (char** e = environ; *e; ++e) {
      std::string kv(*e);
      if (!opt.env.count(kv.substr(0, kv.find('=')))) env_strings.push_back(kv);
    }
    for (const auto& [k, v] : opt.env) env_strings.push_back(k + "=" + v);
    std::vector<char*> ev;
    for (auto& e : env_strings) ev.push_back(e.data());
    ev.push_back(nullptr);
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
      int in = ::open("/dev/null", O_RDONLY);
      int o = ::open(out_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
      int e = ::open(err_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
      if (in < 0 || o < 0 || e < 0) ::_exit(126);
      ::dup2(in, 0);
      ::dup2(o, 1);
      ::dup2(e, 2);
      if (opt.max_file_bytes) {
        ::signal(SIGXFSZ, SIG_IGN);  // a write past the limit fails with EFBIG instead
        struct rlimit rl = {opt.max_file_bytes, opt.max_file_bytes};
        ::setrlimit(RLIMIT_FSIZE, &rl);
      }
      if (opt.as_nobody) {
        if (::setgroups(0, nullptr) != 0 || ::setgid(65534) != 0 || ::setuid(65534) != 0)
          ::_exit(125);
      }
      ::execve(av[0], av.data(), ev.data());
      ::_exit(127);
    }
  }
  ~Process() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      int st;
      ::waitpid(pid_, &st, 0);
    }
  }
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  int pid() const { return pid_; }
  bool running() {
    if (pid_ <= 0) return false;
    int st;
    if (::waitpid(pid_, &st, WNOHANG) == pid_) {
      pid_ = -1;
      status_ = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
      return false;
    }
    return true;
  }
  // Waits up to `limit`; returns the exit code (128+signal), or -1 when it is still running.
  int wait(std::chrono::milliseconds limit = std::chrono::minutes(5)) {
    auto until = Clock::now() + limit;
    while (running()) {
      if (Clock::now() > until) return -1;
      std::this_thread::sleep_for(milliseconds(5));
    }
    return status_;
  }
  // Waits up to `limit` for the process to stop itself (SIGSTOP, as DOSSIER_STOP_AT
  // makes dossier-index do); false when it ended or went on running instead.
  bool wait_stopped(std::chrono::milliseconds limit = std::chrono::minutes(2)) {
    auto until = Clock::now() + limit;
    while (pid_ > 0 && Clock::now() < until) {
      int st;
      pid_t r = ::waitpid(pid_, &st, WNOHANG | WUNTRACED);
      if (r == pid_) {
        if (WIFSTOPPED(st)) return true;
        pid_ = -1;
        status_ = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
        return false;
      }
      std::this_thread::sleep_for(milliseconds(2));
    }
    return false;
  }
  // SIGKILL; returns true when the process was still running when the signal was sent.
  bool kill() {
    if (!running()) return false;
    ::kill(pid_, SIGKILL);
    wait();
    return status_ == 128 + SIGKILL;
  }
  int status() const { return status_; }
  std::string out() const { return slurp(out_); }
  std::string err() const { return slurp(err_); }

 private:
  TempDir dir_;
  fs::path out_, err_;
  int pid_ = -1;
  int status_ = -1;
};

// Runs argv to completion as "nobody" (or with a file size limit); like run().
inline CommandResult run_with(const std::vector<std::string>& argv, const SpawnOptions& opt) {
  Process p(argv, opt);
  CommandResult r;
  r.exit_code = p.wait();
  r.out = p.out();
  r.err = p.err();
  return r;
}

// Whether "nobody" can run dossier-index here (the build folder must be reachable
// for it: a checkout under a private home folder is not). Tests that need a user
// whom permissions bind are skipped, with a warning, when it cannot.
inline bool nobody_can_run_the_indexer() {
  SpawnOptions nobody;
  nobody.as_nobody = true;
  return run_with({index_binary().string(), "--help"}, nobody).exit_code == 0;
}
// The start of such a test: warns and returns when "nobody" cannot run the indexer.
#define DOSSIER_REQUIRE_NOBODY_CAN_RUN_THE_INDEXER()                                    \
  do {                                                                                  \
    if (!::dossier::test::fault::nobody_can_run_the_indexer()) {                        \
      WARN("user nobody cannot run " << ::dossier::test::index_binary() << " here: skipped"); \
      return;                                                                           \
    }                                                                                   \
  } while (false)

// inotify on a few folders: wait for the first event matching a predicate.
class FsWatch {
 public:
  FsWatch() : fd_(::inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) {
    if (fd_ < 0) throw std::runtime_error("inotify_init1 failed");
  }
  ~FsWatch() { ::close(fd_); }
  void add(const fs::path& dir, std::uint32_t mask = IN_CREATE | IN_MODIFY | IN_OPEN | IN_MOVED_TO) {
    int wd = ::inotify_add_watch(fd_, dir.c_str(), mask);
    if (wd < 0) throw std::runtime_error("inotify_add_watch " + dir.string() + ": " + std::strerror(errno));
    dirs_[wd] = dir;
  }
  struct Event {
    fs::path dir;
    std::string name;
    std::uint32_t mask = 0;
  };
  // Calls `match` on every event until it returns true (then returns true), or
  // `give_up` returns true, or the time is over (false).
  bool wait_for(const std::function<bool(const Event&)>& match, std::chrono::milliseconds limit,
                const std::function<bool()>& give_up = [] { return false; }) {
    auto until = Clock::now() + limit;
    alignas(inotify_event) char buf[64 * 1024];
    while (Clock::now() < until) {
      struct pollfd p = {fd_, POLLIN, 0};
      ::poll(&p, 1, 10);
      for (;;) {
        ssize_t n = ::read(fd_, buf, sizeof buf);
        if (n <= 0) break;
        for (char* at = buf; at < buf + n;) {
          auto* e = reinterpret_cast<inotify_event*>(at);
          Event ev{dirs_.count(e->wd) ? dirs_[e->wd] : fs::path(), e->len ? e->name : "", e->mask};
          at += sizeof(inotify_event) + e->len;
          if (match(ev)) return true;
        }
      }
      if (give_up()) return false;
    }
    return false;
  }

 private:
  int fd_;
  std::map<int, fs::path> dirs_;
};

// Mounts need a private mount namespace, so that nothing outlives the test
// process and the host's mounts are untouched. false when the sandbox forbids it.
inline bool private_mount_namespace() {
  static int state = -1;
  if (state < 0) {
    state = ::unshare(CLONE_NEWNS) == 0 &&
                    ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) == 0
                ? 1
                : 0;
  }
  return state == 1;
}

// A tmpfs of `bytes` at `dir` (in the private namespace); false when it cannot be mounted.
inline bool mount_tmpfs(const fs::path& dir, std::uint64_t bytes) {
  if (!private_mount_namespace()) return false;
  fs::create_directories(dir);
  std::string opts = "size=" + std::to_string(bytes) + ",mode=0755";
  return ::mount("tmpfs", dir.c_str(), "tmpfs", 0, opts.c_str()) == 0;
}
inline bool remount_tmpfs(const fs::path& dir, std::uint64_t bytes, bool read_only) {
  std::string opts = "size=" + std::to_string(bytes);
  return ::mount("tmpfs", dir.c_str(), "tmpfs", MS_REMOUNT | (read_only ? MS_RDONLY : 0),
                 opts.c_str()) == 0;
}
// A read-only bind mount of `dir` over itself (root cannot write there either).
inline bool bind_read_only(const fs::path& dir) {
  if (!private_mount_namespace()) return false;
  if (::mount(dir.c_str(), dir.c_str(), nullptr, MS_BIND, nullptr) != 0) return false;
  return ::mount(nullptr, dir.c_str(), nullptr, MS_REMOUNT | MS_BIND | MS_RDONLY, nullptr) == 0;
}
inline void unmount(const fs::path& dir) { ::umount2(dir.c_str(), MNT_DETACH); }

// VmRSS of a process in KiB (0 when it is gone).
inline std::size_t rss_kib(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stoul(line.substr(6));
  return 0;
}

// Keeps asking searchd (search, facets, health) from a few threads until
// stopped, counting the answers by status (-1: no answer at all).
class LoadClient {
 public:
  // `pause`: between two requests of a thread (0: as fast as the server answers).
  LoadClient(int port, std::vector<std::string> paths, int threads = 2,
             std::chrono::milliseconds pause = std::chrono::milliseconds(0))
      : paths_(std::move(paths)) {
    for (int t = 0; t < threads; ++t)
      threads_.emplace_back([this, port, t, pause] {
        httplib::Client c("127.0.0.1", port);
        c.set_keep_alive(true);
        c.set_read_timeout(30, 0);
        std::size_t i = t;
        while (!stop_) {
          const std::string& path = paths_[i++ % paths_.size()];
          auto res = c.Get(path.c_str());
          int status = res ? res->status : -1;
          std::lock_guard lock(mu_);
          ++counts_[status];
          if (status != 200 && bad_.size() < 20)
            bad_.push_back(std::to_string(status) + " " + path + ": " +
                           (res ? res->body.substr(0, 300) : httplib::to_string(res.error())));
          if (pause.count()) std::this_thread::sleep_for(pause);
        }
      });
  }
  ~LoadClient() { stop(); }
  void stop() {
    stop_ = true;
    for (auto& t : threads_)
      if (t.joinable()) t.join();
  }
  std::map<int, std::size_t> counts() {
    std::lock_guard lock(mu_);
    return counts_;
  }
  std::size_t total() {
    std::size_t n = 0;
    for (const auto& [s, c] : counts()) n += c;
    return n;
  }
  std::size_t not_ok() {
    std::size_t n = 0;
    for (const auto& [s, c] : counts())
      if (s < 200 || s > 299) n += c;
    return n;
  }
  std::string bad() {
    std::lock_guard lock(mu_);
    std::string out;
    for (const auto& b : bad_) out += b + "\n";
    return out;
  }
  // Waits until at least `n` more answers came (so each phase of a test is covered).
  bool wait_answers(std::size_t n, std::chrono::milliseconds limit = std::chrono::seconds(30)) {
    std::size_t start = total();
    auto until = Clock::now() + limit;
    while (total() < start + n) {
      if (Clock::now() > until) return false;
      std::this_thread::sleep_for(milliseconds(2));
    }
    return true;
  }

 private:
  std::vector<std::string> paths_;
  std::atomic<bool> stop_{false};
  std::mutex mu_;
  std::map<int, std::size_t> counts_;
  std::vector<std::string> bad_;
  std::vector<std::thread> threads_;
};

// What a database holds, to compare two builds: post IDs and facet counts.
struct Contents {
  std::set<std::string> ids;
  nlohmann::json facets;
  bool operator==(const Contents& o) const { return ids == o.ids && facets == o.facets; }
};

inline Contents contents(const fs::path& db) {
  Contents c;
  for (const auto& [id, d] : stored_docs(db)) c.ids.insert(id);
  auto stats = run({index_binary().string(), "stats", "--db", db.string()});
  if (stats.exit_code != 0) throw std::runtime_error("stats failed: " + stats.err);
  c.facets = nlohmann::json::parse(stats.out)["facets"];
  return c;
}

inline std::string describe(const Contents& c) {
  return std::to_string(c.ids.size()) + " posts, facets " + c.facets.dump().substr(0, 200);
}

// dossier-index check: exit code and what it printed.
inline CommandResult check_db(const fs::path& db) {
  return run({index_binary().string(), "check", "--db", db.string()});
}

// The argv of a build (what build_index() runs), for starting one in the background.
inline std::vector<std::string> build_argv(const fs::path& db, const fs::path& report,
                                           const std::vector<std::string>& sources,
                                           const std::vector<std::string>& extra = {}) {
  std::vector<std::string> argv = {index_binary().string(), "build", "--db", db.string(), "--quiet",
                                   "--report", report.string()};
  argv.insert(argv.end(), extra.begin(), extra.end());
  argv.insert(argv.end(), sources.begin(), sources.end());
  return argv;
}

}  // namespace dossier::test::fault
