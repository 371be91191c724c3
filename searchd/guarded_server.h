// guarded_server.h — cpp-httplib's Server with the two limits its connection
// loop lacks: each request (request line, headers and body) must arrive whole
// within a deadline and within a byte budget. cpp-httplib only times out a
// single read, so a client trickling a header byte every second ("slowloris")
// held a connection thread forever (48 of them stopped the server answering
// anyone), and a client sending header lines without end grew the server's
// memory without bound. Past either limit the request gets a 400 and the
// connection is closed. Everything else is cpp-httplib's own request handling.
#pragma once

#include <httplib.h>

#include <chrono>
#include <cstddef>

namespace dossier::searchd {

class GuardedServer : public httplib::Server {
 public:
  // deadline: from the first byte of a request to its last; max_bytes: what a
  // request may send in all (request line, headers, body).
  GuardedServer& set_request_limits(std::chrono::milliseconds deadline, std::size_t max_bytes) {
    deadline_ = deadline;
    max_request_bytes_ = max_bytes;
    return *this;
  }

 private:
  // Replaces cpp-httplib's keep-alive loop (a private virtual, overridden as SSLServer does).
  bool process_and_close_socket(socket_t sock) override;
  // False once stop() has closed the listening socket: idle connections then end at once.
  bool listening() const { return svr_sock_ != INVALID_SOCKET; }

  std::chrono::milliseconds deadline_{10000};
  std::size_t max_request_bytes_ = 128 * 1024;
};

}  // namespace dossier::searchd
