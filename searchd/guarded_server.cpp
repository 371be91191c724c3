// guarded_server.cpp — the keep-alive loop with a per-request deadline and byte budget (see guarded_server.h).
#include "searchd/guarded_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace dossier::searchd {
namespace {

using Clock = std::chrono::steady_clock;

int millis(time_t sec, time_t usec) { return static_cast<int>(sec * 1000 + usec / 1000); }

// Waits for `events` on the socket up to `ms`; >0 ready, 0 timed out, <0 error or hung up.
int wait_socket(int sock, short events, int ms) {
  struct pollfd p = {sock, events, 0};
  int n;
  do {
    n = ::poll(&p, 1, std::max(ms, 0));
  } while (n < 0 && errno == EINTR);
  if (n > 0 && (p.revents & (POLLERR | POLLNVAL))) return -1;
  return n;
}

void address_of(const sockaddr_storage& a, std::string& ip, int& port) {
  char buf[INET6_ADDRSTRLEN] = "";
  if (a.ss_family == AF_INET) {
    const auto& v4 = reinterpret_cast<const sockaddr_in&>(a);
    ::inet_ntop(AF_INET, &v4.sin_addr, buf, sizeof buf);
    port = ntohs(v4.sin_port);
  } else if (a.ss_family == AF_INET6) {
    const auto& v6 = reinterpret_cast<const sockaddr_in6&>(a);
    ::inet_ntop(AF_INET6, &v6.sin6_addr, buf, sizeof buf);
    port = ntohs(v6.sin6_port);
  }
  ip = buf;
}

// One request's view of the connection: reads stop at the deadline or when the
// budget is spent (exceeded() then says so); writes have the usual timeout.
class GuardedStream final : public httplib::Stream {
 public:
  GuardedStream(int sock, int read_timeout_ms, int write_timeout_ms, Clock::time_point deadline,
                std::size_t budget)
      : sock_(sock),
        read_timeout_ms_(read_timeout_ms),
        write_timeout_ms_(write_timeout_ms),
        deadline_(deadline),
        budget_(budget) {}

  // The request could not be read whole (deadline, budget, timeout, error, end of stream).
  bool exceeded() const { return exceeded_; }

  bool is_readable() const override {
    return off_ < len_ || wait_socket(sock_, POLLIN, read_wait_ms()) > 0;
  }
  bool is_writable() const override { return wait_socket(sock_, POLLOUT, write_timeout_ms_) > 0; }

  ssize_t read(char* ptr, size_t size) override {
    // cpp-httplib reads headers a byte at a time: serve them from a buffer.
    if (off_ < len_) {
      size_t n = std::min(size, len_ - off_);
      std::copy(buf_ + off_, buf_ + off_ + n, ptr);
      off_ += n;
      return static_cast<ssize_t>(n);
    }
    if (budget_ == 0 || Clock::now() >= deadline_) {
      exceeded_ = true;
      return -1;
    }
    // A read that times out or fails ends the connection too: whatever
    // answer cpp-httplib then sends, the rest of the request is not read.
    if (wait_socket(sock_, POLLIN, read_wait_ms()) <= 0) {
      exceeded_ = true;
      return -1;
    }
    ssize_t n;
    do {
      n = ::recv(sock_, buf_, std::min(sizeof buf_, budget_), 0);
    } while (n < 0 && errno == EINTR);
    if (n <= 0) {
      exceeded_ = true;
      return n;
    }
    budget_ -= static_cast<size_t>(n);
    len_ = static_cast<size_t>(n);
    off_ = 0;
    return read(ptr, size);
  }

  ssize_t write(const char* ptr, size_t size) override {
    if (!is_writable()) return -1;
    ssize_t n;
    do {
      n = ::send(sock_, ptr, size, MSG_NOSIGNAL);
    } while (n < 0 && errno == EINTR);
    return n;
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage a{};
    socklen_t len = sizeof a;
    if (::getpeername(sock_, reinterpret_cast<sockaddr*>(&a), &len) == 0) address_of(a, ip, port);
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage a{};
    socklen_t len = sizeof a;
    if (::getsockname(sock_, reinterpret_cast<sockaddr*>(&a), &len) == 0) address_of(a, ip, port);
  }
  socket_t socket() const override { return sock_; }

 private:
  // A read waits for the read timeout, but never past the request's deadline.
  int read_wait_ms() const {
    auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline_ - Clock::now()).count();
    return static_cast<int>(std::clamp<long long>(left, 0, read_timeout_ms_));
  }

  int sock_;
  int read_timeout_ms_, write_timeout_ms_;
  Clock::time_point deadline_;
  size_t budget_;
  bool exceeded_ = false;
  char buf_[4096];
  size_t off_ = 0, len_ = 0;
};

}  // namespace

bool GuardedServer::process_and_close_socket(socket_t sock) {
  bool ret = false;
  for (size_t count = keep_alive_max_count_; count > 0 && listening(); --count) {
    // Keep-alive: wait for the next request, a slice at a time so that stop() is not held up.
    auto idle_until = Clock::now() + std::chrono::seconds(keep_alive_timeout_sec_);
    int ready = 0;
    while (ready == 0 && listening() && Clock::now() < idle_until) ready = wait_socket(sock, POLLIN, 100);
    if (ready <= 0 || !listening()) break;
    GuardedStream stream(sock, millis(read_timeout_sec_, read_timeout_usec_),
                         millis(write_timeout_sec_, write_timeout_usec_), Clock::now() + deadline_,
                         max_request_bytes_);
    bool connection_closed = false;
    ret = process_request(stream, count == 1, connection_closed, nullptr);
    if (!ret || connection_closed || stream.exceeded()) break;
  }
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
  return ret;
}

}  // namespace dossier::searchd
