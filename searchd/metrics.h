// metrics.h — request counters and a latency histogram, rendered in
// Prometheus' text format for /metrics. Lock-free counters; safe from any thread.
#pragma once

#include <array>
#include <atomic>
#include <map>
#include <mutex>
#include <string>

namespace dossier::searchd {

class Metrics {
 public:
  void observe(const std::string& route, int status, double seconds);
  // The Prometheus text exposition, with the current document count.
  std::string render(std::size_t documents) const;

 private:
  static constexpr std::array<double, 12> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.02, 0.05,
                                                      0.1,   0.25,   0.5,   1,    2.5,  10};
  mutable std::mutex mu_;
  std::map<std::pair<std::string, int>, std::uint64_t> requests_;  // (route, status) -> count
  std::array<std::uint64_t, kBuckets.size()> buckets_{};
  std::uint64_t count_ = 0;
  double sum_ = 0;
  std::uint64_t errors_ = 0;
};

}  // namespace dossier::searchd
