-- wrk.lua — the request script of bench/run's query benchmark.
-- DOSSIER_WRK_PATHS holds one or more URL paths separated by newlines; each
-- connection cycles through them (one path: every request is that query).
-- At the end one line "DOSSIER_WRK {json}" gives the figures bench/run reads
-- (latencies in microseconds), beside wrk's own --latency report.

local paths = {}
for p in string.gmatch(os.getenv("DOSSIER_WRK_PATHS") or "/", "[^\n]+") do
  paths[#paths + 1] = p
end
local next_path = 0

request = function()
  next_path = next_path % #paths + 1
  return wrk.format("GET", paths[next_path])
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'DOSSIER_WRK {"requests": %d, "duration_us": %d, "bytes": %d, ' ..
    '"p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d, "mean_us": %.1f, ' ..
    '"errors_connect": %d, "errors_read": %d, "errors_write": %d, ' ..
    '"errors_status": %d, "errors_timeout": %d}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max, latency.mean,
    e.connect, e.read, e.write, e.status, e.timeout))
end
