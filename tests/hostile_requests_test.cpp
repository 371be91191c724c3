// hostile_requests_test.cpp — dossier-searchd against requests meant to break
// it: an overlong query, invalid UTF-8, thousands of parameters, absurd paging,
// path traversal, oversized headers, malformed request lines, and clients that
// trickle their headers (slowloris). Each gets a 4xx answer (or, for a
// trickling client, a closed connection); the server keeps answering others
// meanwhile and afterwards, and its resident memory stays bounded.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <iostream>

#include "fault_support.h"

using namespace dossier::test;
using namespace dossier::test::fault;
using nlohmann::json;

namespace {

struct Served {
  TempDir dir{"hostile-req"};
  std::unique_ptr<Searchd> server;
  Served() {
    auto b = build_index(dir / "db", {(source_dir() / "corpus" / "mirror").string()});
    if (b.result.exit_code != 0) throw std::runtime_error("build failed: " + b.result.err);
    // Two searches at once: the smallest pool, the easiest to exhaust.
    server = std::make_unique<Searchd>(dir / "db", std::vector<std::string>{"--no-access-log", "--threads", "2"});
  }
};

Served& served() {
  static Served s;
  return s;
}

// A raw TCP connection to the server, for what an HTTP client library will not send.
class RawConnection {
 public:
  explicit RawConnection(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd_ < 0 || ::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0)
      throw std::runtime_error("cannot connect");
  }
  ~RawConnection() {
    if (fd_ >= 0) ::close(fd_);
  }
  // false when the server has closed the connection (or reset it).
  bool send(std::string_view bytes) {
    while (!bytes.empty()) {
      ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }
  // Reads until the server closes or `limit` passes; returns what came.
  std::string receive(std::chrono::milliseconds limit) {
    std::string out;
    auto until = Clock::now() + limit;
    char buf[16384];
    while (Clock::now() < until) {
      struct pollfd p = {fd_, POLLIN, 0};
      if (::poll(&p, 1, 20) <= 0) continue;
      ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) {
        closed_ = true;
        break;
      }
      out.append(buf, static_cast<std::size_t>(n));
      // One whole answer is enough when the server keeps the connection.
      auto head = out.find("\r\n\r\n");
      if (head != std::string::npos) {
        auto cl = out.find("Content-Length: ");
        if (cl != std::string::npos && cl < head &&
            out.size() >= head + 4 + std::stoul(out.substr(cl + 16)))
          break;
      }
    }
    return out;
  }
  // Whether the server closed the connection (checked without blocking); what
  // it sent before closing is kept in received().
  bool closed_by_server() {
    char buf[4096];
    while (!closed_) {
      ssize_t n = ::recv(fd_, buf, sizeof buf, MSG_DONTWAIT);
      if (n > 0) {
        received_.append(buf, static_cast<std::size_t>(n));
        continue;
      }
      closed_ = n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK);
      break;
    }
    return closed_;
  }
  const std::string& received() const { return received_; }

 private:
  int fd_ = -1;
  bool closed_ = false;
  std::string received_;
};

int status_of(const std::string& response) {
  if (response.rfind("HTTP/1.", 0) != 0 || response.size() < 12) return -1;
  return std::atoi(response.c_str() + 9);
}

// A request the server must refuse with a 4xx and a JSON error, and survive.
void expect_refused(const std::string& path, int expected) {
  auto [status, body] = served().server->get(path);
  INFO(path.substr(0, 200) << " -> " << status << " " << body.substr(0, 300));
  CHECK(status == expected);
  auto j = json::parse(body, nullptr, false);
  CHECK((!j.is_discarded() && j["error"]["status"] == expected));
}

void expect_alive() {
  auto [status, body] = served().server->get("/healthz");
  INFO(body);
  REQUIRE(status == 200);
}

std::string repeat(const std::string& s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

// One round of every hostile request that has a definite answer.
void hostile_round() {
  // An overlong query: over the 1,024 bytes of the contract, then over the request line limit.
  expect_refused("/api/search?q=" + repeat("a", 2000), 413);
  expect_refused("/api/search?q=" + repeat("word+", 1000), 413);
  {
    auto [status, body] = served().server->get("/api/search?q=" + repeat("a", 100000));
    CHECK(status == 414);
  }
  // Invalid UTF-8, in a value, in a name, in the document path.
  expect_refused("/api/search?q=%FF%FE%FD", 400);
  expect_refused("/api/search?q=caf%C3", 400);
  expect_refused("/api/search?q=%C0%AF", 400);  // an overlong encoding of '/'
  expect_refused("/api/search?%FF=1", 400);
  expect_refused("/api/search?type=%ED%A0%80", 400);  // a UTF-16 surrogate
  expect_refused("/api/doc/%FF%FE", 404);
  // A thousand parameters (in a request line under the 8 KiB limit; cpp-httplib
  // folds repeated identical pairs into one, so each is different).
  {
    std::string many, types;
    for (int i = 0; i < 1000; ++i) many += "p" + std::to_string(i) + "=1&";
    for (int i = 0; i < 600; ++i) types += "type=t" + std::to_string(i) + "&";
    expect_refused("/api/search?" + many, 400);
    expect_refused("/api/search?q=x&" + types, 400);
    expect_refused("/api/facets?" + many, 400);
    expect_refused("/api/doc/0123456789abcdef?" + many, 400);
  }
  // Absurd paging.
  expect_refused("/api/search?q=security&page=1000000000", 400);
  expect_refused("/api/search?q=security&per_page=1000000", 400);
  expect_refused("/api/search?q=security&page=99999999999999999999999", 400);
  expect_refused("/api/search?q=security&page=-1", 400);
  expect_refused("/api/search?q=security&per_page=0", 400);
  expect_refused("/api/search?q=security&page=101&per_page=100", 400);  // beyond the 10,000th
  expect_refused("/api/search?q=&format=csv&page=1000000000", 400);
  // Other bad values.
  expect_refused("/api/search?q=x&sort=random", 400);
  expect_refused("/api/search?q=x&format=xml", 400);
  expect_refused("/api/search?q=x&from=2018-99-99", 400);
  expect_refused("/api/search?q=x&year=20188", 400);
  // Path traversal: IDs are 16 hex digits, static files come from the binary.
  for (const std::string path : {"/api/doc/../../../../etc/passwd", "/api/doc/..%2F..%2F..%2Fetc%2Fpasswd",
                                 "/api/doc/%2e%2e/%2e%2e/etc/passwd", "/../../../../etc/passwd",
                                 "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2f..%2fetc%2fpasswd",
                                 "/api/doc/0123456789abcdef/../../../etc/passwd"}) {
    auto [status, body] = served().server->get(path);
    INFO(path << " -> " << status << " " << body.substr(0, 200));
    CHECK(status >= 400);
    CHECK(status < 500);
    CHECK(body.find("root:") == std::string::npos);
  }
  // Queries that stress the parser rather than the limits: still answers, never errors.
  for (const std::string& q : std::vector<std::string>{
           repeat("(", 500), repeat("\"", 700), repeat("a* ", 300), "*", "-", repeat("NOT ", 200),
           repeat("csis ", 200), repeat("2016..", 150), repeat("minister:", 100),
           "topic:\"" + repeat("x", 900)}) {
    auto [status, body] = served().server->get("/api/search?q=" + url_encode(q));
    INFO(q.substr(0, 60) << " -> " << status << " " << body.substr(0, 300));
    CHECK(status == 200);
  }
}

}  // namespace

TEST_CASE("hostile query strings and paths get a 4xx and memory stays bounded") {
  auto& s = served();
  // Warm up: the first searches load the tables and fill the caches.
  for (int i = 0; i < 20; ++i) s.server->get_json("/api/search?q=security+certificates");
  hostile_round();
  std::size_t rss_before = rss_kib(s.server->pid());
  REQUIRE(rss_before > 0);
  for (int round = 0; round < 10; ++round) hostile_round();
  expect_alive();
  std::size_t rss_after = rss_kib(s.server->pid());
  std::cerr << "hostile_requests_test: VmRSS " << rss_before << " KiB before 10 rounds, " << rss_after
            << " KiB after\n";
  INFO("VmRSS before " << rss_before << " KiB, after " << rss_after << " KiB");
  CHECK(rss_after < rss_before + 32 * 1024);
}

TEST_CASE("oversized and malformed requests get a 4xx or a closed connection") {
  auto& s = served();
  int port = s.server->port();
  std::size_t rss_before = rss_kib(s.server->pid());
  auto exchange = [&](const std::string& request) {
    RawConnection c(port);
    c.send(request);  // the server may close before it has read everything
    return c.receive(std::chrono::seconds(10));
  };
  auto refused_or_closed = [&](const std::string& what, const std::string& response) {
    int status = status_of(response);
    INFO(what << " -> " << response.substr(0, 200));
    CHECK((status == -1 || (status >= 400 && status < 500)));
  };
  // One header of 1 MiB.
  refused_or_closed("1 MiB header", exchange("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " +
                                             std::string(1 << 20, 'a') + "\r\n\r\n"));
  // 20,000 small headers.
  refused_or_closed("20,000 headers",
                    exchange("GET /healthz HTTP/1.1\r\nHost: x\r\n" + repeat("X-A: b\r\n", 20000) + "\r\n"));
  // 500 small headers: within the byte budget, over the count.
  {
    std::string answer = exchange("GET /healthz HTTP/1.1\r\nHost: x\r\n" + repeat("X-A: b\r\n", 500) + "\r\n");
    INFO(answer.substr(0, 300));
    CHECK(status_of(answer) == 431);
  }
  // A 1 MiB request line.
  refused_or_closed("1 MiB request line", exchange("GET /api/search?q=" + std::string(1 << 20, 'a') +
                                                   " HTTP/1.1\r\nHost: x\r\n\r\n"));
  // Malformed request lines and bodies.
  refused_or_closed("garbage", exchange("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 not http\r\n\r\n"));
  refused_or_closed("no version", exchange("GET /healthz\r\n\r\n"));
  refused_or_closed("bad version", exchange("GET /healthz HTTP/9.9\r\nHost: x\r\n\r\n"));
  refused_or_closed("huge Content-Length",
                    exchange("POST /api/search HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999\r\n\r\nabc"));
  refused_or_closed("body over the limit",
                    exchange("POST /api/search HTTP/1.1\r\nHost: x\r\nContent-Length: 200000\r\n\r\n" +
                             std::string(200000, 'x')));
  refused_or_closed("bad chunked body", exchange("POST /api/search HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: "
                                                 "chunked\r\n\r\nzzzz\r\nabc\r\n0\r\n\r\n"));
  refused_or_closed("NUL in the path", exchange(std::string("GET /api/doc/\0abc HTTP/1.1\r\nHost: x\r\n\r\n", 36)));
  expect_alive();
  std::size_t rss_after = rss_kib(s.server->pid());
  std::cerr << "hostile_requests_test: VmRSS " << rss_before << " KiB before oversized requests, " << rss_after
            << " KiB after\n";
  INFO("VmRSS before " << rss_before << " KiB, after " << rss_after << " KiB");
  CHECK(rss_after < rss_before + 32 * 1024);
}

TEST_CASE("clients that trickle their headers are cut off while others are served") {
  auto& s = served();
  int port = s.server->port();
  // Fewer trickling clients than the server has connection threads (16 at --threads 2):
  // more would hold them all until the request deadline cuts them off.
  constexpr int kSlow = 12;
  std::vector<std::unique_ptr<RawConnection>> slow;
  for (int i = 0; i < kSlow; ++i) {
    slow.push_back(std::make_unique<RawConnection>(port));
    slow.back()->send("GET /api/search?q=slow HTTP/1.1\r\nHost: 127.0.0.1\r\n");
  }
  // Each sends one more header byte every 300 ms: always within the server's
  // read timeout, never finishing its headers.
  auto start = Clock::now();
  std::atomic<bool> stop{false};
  std::thread trickle([&] {
    while (!stop) {
      for (auto& c : slow)
        if (!c->closed_by_server()) c->send("X");
      for (int i = 0; i < 3 && !stop; ++i) std::this_thread::sleep_for(milliseconds(100));
    }
  });
  struct Join {
    std::atomic<bool>& stop;
    std::thread& t;
    ~Join() {
      stop = true;
      t.join();
    }
  } join{stop, trickle};

  // Normal clients are answered while they trickle.
  std::this_thread::sleep_for(milliseconds(500));
  httplib::Client c("127.0.0.1", port);
  c.set_connection_timeout(5, 0);
  c.set_read_timeout(20, 0);
  for (int i = 0; i < 5; ++i) {
    auto t0 = Clock::now();
    auto res = c.Get("/api/search?q=security");
    double waited = std::chrono::duration<double>(Clock::now() - t0).count();
    INFO("a search among " << kSlow << " trickling clients took " << waited << " s");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(waited < 2.0);
  }

  // The trickling clients are cut off at the request deadline (10 s), each
  // with a 400 or nothing.
  std::size_t open = kSlow;
  while (Clock::now() - start < std::chrono::seconds(25)) {
    open = 0;
    for (auto& conn : slow) open += !conn->closed_by_server();
    if (open == 0) break;
    std::this_thread::sleep_for(milliseconds(100));
  }
  double cut_after = std::chrono::duration<double>(Clock::now() - start).count();
  std::cerr << "hostile_requests_test: " << kSlow - open << " of " << kSlow << " trickling clients cut off after "
            << cut_after << " s\n";
  CHECK(open == 0);
  CHECK(cut_after > 5.0);  // not before the deadline: slow networks are not attacks
  for (auto& conn : slow) {
    INFO(conn->received().substr(0, 200));
    CHECK((conn->received().empty() || status_of(conn->received()) == 400));
  }
  expect_alive();
}

TEST_CASE("endless header lines are cut off at the request byte budget") {
  auto& s = served();
  std::size_t rss_before = rss_kib(s.server->pid());
  RawConnection c(s.server->port());
  c.send("GET /healthz HTTP/1.1\r\nHost: x\r\n");
  // 64 MiB of header lines, as fast as the server takes them.
  std::string lines = repeat("X-Endless: yes\r\n", 4096);
  std::size_t sent = 0;
  while (sent < (64u << 20) && c.send(lines)) sent += lines.size();
  std::string answer = c.receive(std::chrono::seconds(10));
  std::cerr << "hostile_requests_test: endless headers: the server stopped them after " << sent
            << " bytes sent; answer " << answer.substr(0, 12) << "\n";
  CHECK(sent < (64u << 20));  // the connection was closed long before
  CHECK((answer.empty() || status_of(answer) == 400));
  expect_alive();
  std::size_t rss_after = rss_kib(s.server->pid());
  INFO("VmRSS before " << rss_before << " KiB, after " << rss_after << " KiB");
  CHECK(rss_after < rss_before + 16 * 1024);
}
