// server.cpp — routes, validation, limits and logging (see server.h).
#include "searchd/server.h"

// Debian's cpp-httplib is a compiled library: its limits (8 KiB request line and
// header line) are fixed there; the per-request ones are in guarded_server.h.
#include <httplib.h>
#include <sys/socket.h>
#include <unicode/utf8.h>

#include <chrono>
#include <ctime>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "schema/analyzer.h"
#include "schema/gazetteer.h"
#include "searchd/database.h"
#include "searchd/guarded_server.h"
#include "searchd/metrics.h"
#include "searchd/render.h"
#include "searchd/snippet.h"
#include "searchd/web_assets.h"

namespace dossier::searchd {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

// A request the server refuses, with the status and the reason for the client.
struct HttpError {
  int status;
  std::string message;
};

bool valid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t n = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return false;
  }
  return true;
}

std::string now_iso() {
  std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

std::size_t parse_count(const std::string& name, const std::string& v, std::size_t min,
                        std::size_t max) {
  if (v.empty() || v.size() > 12 || v.find_first_not_of("0123456789") != std::string::npos)
    throw HttpError{400, name + " must be a whole number"};
  unsigned long long n = std::stoull(v);
  if (n < min || n > max)
    throw HttpError{400, name + " must be between " + std::to_string(min) + " and " +
                             std::to_string(max)};
  return static_cast<std::size_t>(n);
}

std::string content_type_for(std::string_view path) {
  auto ends = [&](std::string_view s) {
    return path.size() >= s.size() && path.substr(path.size() - s.size()) == s;
  };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".js")) return "text/javascript; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".xml")) return "application/opensearchdescription+xml";
  if (ends(".json")) return "application/json";
  if (ends(".png")) return "image/png";
  if (ends(".ico")) return "image/x-icon";
  return "application/octet-stream";
}

}  // namespace

struct SearchServer::Impl {
  static constexpr std::size_t kMaxHeaders = 100;
  ServerOptions opt;
  std::ostream& log;
  std::mutex log_mu;
  schema::Gazetteers gazetteers;
  std::unique_ptr<Searcher> searcher;
  std::unique_ptr<DatabasePool> pool;
  Metrics metrics;
  GuardedServer http;
  int bound_port = -1;

  Impl(ServerOptions o, std::ostream& l)
      : opt(std::move(o)),
        log(l),
        gazetteers(schema::Gazetteers::load(opt.data_dir.empty() ? schema::Gazetteers::default_dir()
                                                                 : opt.data_dir)) {
    std::string data = (opt.data_dir.empty() ? schema::Gazetteers::default_dir() : opt.data_dir).string();
    searcher = std::make_unique<Searcher>(gazetteers, load_synonyms(gazetteers, data));
    unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    unsigned searches = opt.threads ? opt.threads : cores;
    pool = std::make_unique<DatabasePool>(opt.db, searches);
    // More connection threads than searches: idle keep-alive connections must not
    // starve new ones; the handle pool bounds the searches running at once.
    // wrk and browsers keep connections open; each holds a thread between requests.
    std::size_t connections = std::clamp<std::size_t>(32 * searches, 64, 512);
    http.new_task_queue = [connections] { return new httplib::ThreadPool(connections); };
    http.set_read_timeout(5, 0);
    http.set_write_timeout(10, 0);
    http.set_payload_max_length(64 * 1024);
    // A request must arrive whole within 10 s and 128 KiB (slowloris, endless headers).
    http.set_request_limits(std::chrono::seconds(10), 128 * 1024);
    http.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
      if (req.headers.size() <= kMaxHeaders) return httplib::Server::HandlerResponse::Unhandled;
      send_error(res, 431, "too many header fields (at most " + std::to_string(kMaxHeaders) + ")");
      return httplib::Server::HandlerResponse::Handled;
    });
    http.set_keep_alive_max_count(100);
    http.set_tcp_nodelay(true);
    routes();
  }

  void send_json(httplib::Response& res, int status, const json& j) {
    res.status = status;
    res.set_content(j.dump(-1, ' ', false, json::error_handler_t::replace), "application/json");
  }

  void send_error(httplib::Response& res, int status, const std::string& message) {
    send_json(res, status, {{"error", {{"status", status}, {"message", message}}}});
  }

  // Runs a handler, turning refusals and database trouble into JSON errors.
  template <typename Fn>
  httplib::Server::Handler guarded(std::string route, Fn fn) {
    return [this, route, fn](const httplib::Request& req, httplib::Response& res) {
      auto t0 = Clock::now();
      try {
        fn(req, res);
      } catch (const HttpError& e) {
        send_error(res, e.status, e.message);
      } catch (const Unavailable& e) {
        res.set_header("Retry-After", "2");
        send_error(res, 503, e.what());
      } catch (const Xapian::Error& e) {
        send_error(res, 503, "search failed: " + e.get_description());
      } catch (const std::exception& e) {
        send_error(res, 500, std::string("internal error: ") + e.what());
      }
      metrics.observe(route, res.status,
                      std::chrono::duration<double>(Clock::now() - t0).count());
    };
  }

  void check_params(const httplib::Request& req) {
    if (req.params.size() > opt.max_params)
      throw HttpError{400, "too many parameters (at most " + std::to_string(opt.max_params) + ")"};
    for (const auto& [k, v] : req.params) {
      if (!valid_utf8(k) || !valid_utf8(v))
        throw HttpError{400, "parameter '" + (valid_utf8(k) ? k : std::string("?")) +
                                 "' is not valid UTF-8"};
      if (v.size() > 4 * opt.max_query_bytes)
        throw HttpError{413, "parameter '" + k + "' is too long"};
    }
  }

  SearchRequest parse_search(const httplib::Request& req) {
    check_params(req);
    SearchRequest r;
    r.q = req.get_param_value("q");
    if (r.q.size() > opt.max_query_bytes)
      throw HttpError{413, "the query is too long (at most " + std::to_string(opt.max_query_bytes) +
                               " bytes)"};
    for (auto f : schema::kAllFacets) {
      std::string name(schema::facet_name(f));
      std::size_t n = req.get_param_value_count(name.c_str());
      for (std::size_t i = 0; i < n; ++i) {
        std::string v = req.get_param_value(name.c_str(), i);
        if (v.empty()) continue;
        if (f == schema::Facet::kYear && v != "undated" &&
            (v.size() != 4 || v.find_first_not_of("0123456789") != std::string::npos))
          throw HttpError{400, "year must be four digits or 'undated'"};
        if (std::find(r.filters[f].begin(), r.filters[f].end(), v) == r.filters[f].end())
          r.filters[f].push_back(v);
      }
    }
    for (const char* bound : {"from", "to"}) {
      std::string v = req.get_param_value(bound);
      if (v.empty()) continue;
      auto d = QueryInterpreter::date_bound(v, std::string(bound) == "to");
      if (!d) throw HttpError{400, std::string(bound) + " must be YYYY, YYYY-MM or YYYY-MM-DD"};
      (std::string(bound) == "from" ? r.from : r.to) = d;
    }
    std::string sort = req.get_param_value("sort");
    if (sort.empty() || sort == "relevance")
      r.sort = SortOrder::kRelevance;
    else if (sort == "date")
      r.sort = SortOrder::kDateAscending;
    else if (sort == "-date")
      r.sort = SortOrder::kDateDescending;
    else
      throw HttpError{400, "sort must be relevance, date or -date"};
    if (req.has_param("per_page"))
      r.per_page = parse_count("per_page", req.get_param_value("per_page"), 1, opt.max_per_page);
    if (req.has_param("page"))
      r.page = parse_count("page", req.get_param_value("page"), 1, opt.max_offset);
    if ((r.page - 1) * r.per_page + r.per_page > opt.max_offset)
      throw HttpError{400, "page is too deep: results beyond " + std::to_string(opt.max_offset) +
                               " are not paged (narrow the query or export it)"};
    std::string interp = req.get_param_value("interpret");
    r.interpret = !(interp == "0" || interp == "false" || interp == "no");
    return r;
  }

  // The request as this database can run it (remote shards run less).
  SearchRequest remote_aware(SearchRequest r) {
    r.remote = pool->has_remote();
    return r;
  }

  std::string self_url(const httplib::Request& req) {
    std::string host = req.get_header_value("Host");
    if (host.empty()) host = opt.host + ":" + std::to_string(bound_port);
    std::string url = "http://" + host + req.path;
    std::string query;
    for (const auto& [k, v] : req.params)
      query += (query.empty() ? "?" : "&") + httplib::detail::encode_query_param(k) + "=" +
               httplib::detail::encode_query_param(v);
    return url + query;
  }

  void routes() {
    http.Get("/api/search", guarded("search", [this](const httplib::Request& req,
                                                      httplib::Response& res) {
      SearchRequest r = parse_search(req);
      std::string format = req.has_param("format") ? req.get_param_value("format") : "json";
      if (format == "json") {
        bool all = req.get_param_value("all") == "1";
        if (!all) {
          auto out = pool->with_database([&](Xapian::Database& db) { return searcher->search(db, remote_aware(r)); });
          send_json(res, 200, search_json(out));
          return;
        }
        // The whole result set (up to the export cap), for citing.
        json results = json::array();
        std::size_t total = pool->with_database([&](Xapian::Database& db) {
          results = json::array();
          return searcher->for_each_result(db, r, opt.export_cap, [&](const schema::StoredDoc& d) {
            json j = result_json(d, "");
            j.erase("snippet");
            std::vector<std::string> urls;
            for (const auto& s : d.seen) urls.push_back(s.url);
            j["urls"] = urls;
            results.push_back(std::move(j));
          });
        });
        send_json(res, 200, {{"query", r.q}, {"total", total}, {"cap", opt.export_cap},
                             {"results", std::move(results)}});
        return;
      }
      if (format == "csv") {
        auto body = std::make_shared<std::string>(csv_header());
        std::size_t total = pool->with_database([&](Xapian::Database& db) {
          body->resize(csv_header().size());
          return searcher->for_each_result(db, r, opt.export_cap, [&](const schema::StoredDoc& d) {
            *body += csv_row(d);
          });
        });
        res.set_header("Content-Disposition", "attachment; filename=\"dossier-results.csv\"");
        res.set_header("X-Total-Count", std::to_string(total));
        if (total > opt.export_cap)
          res.set_header("X-Export-Capped", std::to_string(opt.export_cap));
        res.status = 200;
        res.set_chunked_content_provider(
            "text/csv; charset=utf-8", [body](std::size_t offset, httplib::DataSink& sink) {
              if (offset >= body->size()) {
                sink.done();
                return true;
              }
              std::size_t n = std::min<std::size_t>(64 * 1024, body->size() - offset);
              return sink.write(body->data() + offset, n);
            });
        return;
      }
      if (format == "atom") {
        r.sort = SortOrder::kDateDescending;
        if (!req.has_param("per_page")) r.per_page = 20;
        r.facets = false;
        auto out = pool->with_database([&](Xapian::Database& db) { return searcher->search(db, remote_aware(r)); });
        std::string site = "http://" + req.get_header_value("Host") + "/";
        res.status = 200;
        res.set_content(atom_feed(out, self_url(req), site, now_iso()),
                        "application/atom+xml; charset=utf-8");
        return;
      }
      throw HttpError{400, "format must be json, csv or atom"};
    }));

    http.Get(R"(/api/doc/(.*))", guarded("doc", [this](const httplib::Request& req,
                                                      httplib::Response& res) {
      check_params(req);
      std::string id = req.matches[1];
      bool ok = id.size() == 16 && id.find_first_not_of("0123456789abcdef") == std::string::npos;
      if (!ok) throw HttpError{404, "no document with that ID (IDs are 16 hex digits)"};
      std::string q = req.get_param_value("q");
      if (q.size() > opt.max_query_bytes) throw HttpError{413, "the query is too long"};
      auto j = pool->with_database([&](Xapian::Database& db) -> std::optional<json> {
        auto d = searcher->document(db, id);
        if (!d) return std::nullopt;
        std::string html;
        if (!q.empty()) {
          Interpretation in = searcher->interpreter().interpret(q, true);
          html = highlight_all(d->body, highlight_terms(searcher->text_query(db, in)), d->lang);
        } else {
          html = html_escape(d->body);
        }
        return document_json(*d, html);
      });
      if (!j) throw HttpError{404, "no document with ID " + id};
      send_json(res, 200, *j);
    }));

    http.Get("/api/facets", guarded("facets", [this](const httplib::Request& req,
                                                    httplib::Response& res) {
      check_params(req);
      auto facets = pool->with_database([&](Xapian::Database& db) { return searcher->all_facets(db); });
      send_json(res, 200, {{"facets", facets_json(facets)}});
    }));

    http.Get("/healthz", guarded("healthz", [this](const httplib::Request&, httplib::Response& res) {
      auto info = pool->info();
      send_json(res, 200, {{"status", "ok"},
                           {"documents", info.documents},
                           {"revision", info.revision},
                           {"database", info.stub}});
    }));

    http.Get("/metrics", guarded("metrics", [this](const httplib::Request&, httplib::Response& res) {
      std::size_t docs = 0;
      try {
        docs = pool->info().documents;
      } catch (const Unavailable&) {
      }
      res.status = 200;
      res.set_content(metrics.render(docs), "text/plain; version=0.0.4");
    }));

    http.Get(R"(/(.*))", guarded("static", [this](const httplib::Request& req,
                                                 httplib::Response& res) {
      std::string path = req.path == "/" ? "/index.html" : req.path;
      for (const auto& asset : web_assets()) {
        if (asset.path != path) continue;
        res.status = 200;
        res.set_header("Cache-Control", "no-cache");
        std::string body(asset.bytes);
        if (path == "/opensearch.xml") {
          // Browsers accept only an absolute template: the server's address as the client sees it.
          std::string host = req.get_header_value("Host");
          bool safe = !host.empty() && host.size() < 256 &&
                      host.find_first_of("\"<>& \t\r\n") == std::string::npos;
          std::string origin = "http://" + (safe ? host : opt.host + ":" + std::to_string(bound_port));
          for (std::size_t at = 0; (at = body.find("template=\"/", at)) != std::string::npos;)
            body.replace(at, 11, "template=\"" + origin + "/");
        }
        res.set_content(body, content_type_for(path));
        return;
      }
      throw HttpError{404, "not found: " + req.path.substr(0, 200)};
    }));

    http.set_error_handler([this](const httplib::Request&, httplib::Response& res) {
      if (res.body.empty()) {
        std::string message = res.status == 414   ? "the request line is too long"
                              : res.status == 413 ? "the request is too large"
                              : res.status == 404 ? "not found"
                                                  : "bad request";
        send_error(res, res.status, message);
      }
    });

    http.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
      if (!opt.access_log) return;
      std::string target = req.target.size() > 300 ? req.target.substr(0, 300) + "…" : req.target;
      std::lock_guard lock(log_mu);
      log << now_iso() << " " << req.remote_addr << " " << req.method << " " << target << " "
          << res.status << " " << res.body.size() << "\n";
    });
  }
};

SearchServer::SearchServer(ServerOptions options, std::ostream& log)
    : impl_(std::make_unique<Impl>(std::move(options), log)) {}

SearchServer::~SearchServer() = default;

bool SearchServer::bind() {
  // cpp-httplib listens with a backlog of 5, fixed when Debian compiled it: 64
  // clients connecting at once would have their SYNs dropped and wait a second
  // to retry. Remember the listening socket and listen on it again, deeper.
  int listening = -1;
  impl_->http.set_socket_options([&listening](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    listening = sock;
  });
  if (impl_->opt.port == 0) {
    impl_->bound_port = impl_->http.bind_to_any_port(impl_->opt.host);
  } else if (impl_->http.bind_to_port(impl_->opt.host, impl_->opt.port)) {
    impl_->bound_port = impl_->opt.port;
  }
  if (impl_->bound_port <= 0) {
    impl_->log << "dossier-searchd: cannot listen on " << impl_->opt.host << ":" << impl_->opt.port
               << " (in use, or not an address of this machine)\n";
    return false;
  }
  if (listening >= 0) ::listen(listening, 1024);
  return true;
}

int SearchServer::port() const { return impl_->bound_port; }
void SearchServer::run() { impl_->http.listen_after_bind(); }
void SearchServer::stop() { impl_->http.stop(); }

}  // namespace dossier::searchd
