-- wrk script for `make bench`: GET /api/v1/cases/{id} for random ids in 1..FENGQIAO_BENCH_MAX_ID (the case page's
-- data: the case, masked or in clear for the reader, with the actions available; a clear view is logged).
local token = os.getenv("FENGQIAO_BENCH_TOKEN")
local maximum = tonumber(os.getenv("FENGQIAO_BENCH_MAX_ID"))

function setup(thread)
  thread:set("seed", math.random(1, 1000000))
end

function init(args)
  math.randomseed(os.time() + seed)
end

function request()
  return wrk.format("GET", "/api/v1/cases/" .. math.random(1, maximum), {["Authorization"] = "Bearer " .. token})
end

function done(summary, latency, requests)
  io.write(string.format("p95_us=%d\n", latency:percentile(95)))
end
