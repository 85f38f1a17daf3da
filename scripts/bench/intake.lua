-- wrk script for `make bench`: POST /api/v1/cases with a unique Idempotency-Key per request, so that every request
-- creates a case (a repeated key would be answered from the first case, 200 instead of 201).
-- FENGQIAO_BENCH_TOKEN: a bearer token (fengqiao token create); FENGQIAO_BENCH_RUN: unique per run.
local token = os.getenv("FENGQIAO_BENCH_TOKEN")
local run = os.getenv("FENGQIAO_BENCH_RUN") or tostring(os.time())
local threads = 0
local counter = 0
local body = '{"channel":"window","title":"邻居装修噪音扰民","description":"楼上邻居每天晚上十点后仍在装修，多次沟通无果。",'
  .. '"regionCode":"339921101201-01","urgency":"troublesome",'
  .. '"parties":[{"role":"reporter","name":"张三丰","phone":"13812341234"}]}'

function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

function request()
  counter = counter + 1
  return wrk.format("POST", "/api/v1/cases", {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = "bench-" .. run .. "-" .. tid .. "-" .. counter,
  }, body)
end
