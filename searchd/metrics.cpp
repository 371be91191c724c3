// metrics.cpp — see metrics.h.
#include "searchd/metrics.h"

#include <cstdio>

namespace dossier::searchd {

void Metrics::observe(const std::string& route, int status, double seconds) {
  std::lock_guard lock(mu_);
  ++requests_[{route, status}];
  for (std::size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) ++buckets_[i];
  ++count_;
  sum_ += seconds;
  if (status >= 500) ++errors_;
}

std::string Metrics::render(std::size_t documents) const {
  std::lock_guard lock(mu_);
  std::string out;
  char buf[256];
  out += "# HELP dossier_requests_total HTTP requests by route and status.\n";
  out += "# TYPE dossier_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    std::snprintf(buf, sizeof buf, "dossier_requests_total{route=\"%s\",code=\"%d\"} %llu\n",
                  key.first.c_str(), key.second, static_cast<unsigned long long>(n));
    out += buf;
  }
  out += "# HELP dossier_request_duration_seconds Time to answer a request.\n";
  out += "# TYPE dossier_request_duration_seconds histogram\n";
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    std::snprintf(buf, sizeof buf, "dossier_request_duration_seconds_bucket{le=\"%g\"} %llu\n",
                  kBuckets[i], static_cast<unsigned long long>(buckets_[i]));
    out += buf;
  }
  std::snprintf(buf, sizeof buf,
                "dossier_request_duration_seconds_bucket{le=\"+Inf\"} %llu\n"
                "dossier_request_duration_seconds_sum %.6f\n"
                "dossier_request_duration_seconds_count %llu\n",
                static_cast<unsigned long long>(count_), sum_,
                static_cast<unsigned long long>(count_));
  out += buf;
  out += "# HELP dossier_errors_total Requests answered with a 5xx status.\n";
  out += "# TYPE dossier_errors_total counter\n";
  out += "dossier_errors_total " + std::to_string(errors_) + "\n";
  out += "# HELP dossier_documents Documents in the served database.\n";
  out += "# TYPE dossier_documents gauge\n";
  out += "dossier_documents " + std::to_string(documents) + "\n";
  return out;
}

}  // namespace dossier::searchd
