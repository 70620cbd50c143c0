-- wrk script: POST /v1/plan (exact estimator) with a fixed body; done() reports wrk's own error counts
-- (non-2xx/3xx statuses among them). No response() callback: it would run Lua for every answer.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local token = os.getenv("KSTAR_TOKEN")
if token then wrk.headers["Authorization"] = "Bearer " .. token end
-- KSTAR_PLAN_POINTS=false asks for the answer without the array of every grid point
if os.getenv("KSTAR_PLAN_POINTS") == "false" then
  wrk.body = '{"model": "gpt5", "scenario": "balanced", "points": false}'
else
  wrk.body = '{"model": "gpt5", "scenario": "balanced"}'
end

function done(summary, latency, requests)
  io.write(string.format("errors (non-200 or socket): %d\n",
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout))
  io.write(string.format("requests/s: %.1f\n", summary.requests / (summary.duration / 1e6)))
  io.write(string.format("p50: %.2f ms  p99: %.2f ms\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
