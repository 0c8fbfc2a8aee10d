-- wrk script of infra/bin/bench-intake: POST /orders with valid, varied bodies (the same kind of orders as the Java
-- generator, io.orderplatform.localstack.IntakeBenchmark), then the same summary lines.
--   wrk --threads 2 --connections 16 --duration 20s --script infra/bin/bench-intake.lua http://localhost:8080

local PRODUCTS = 50
local MAX_LINES = 5
local MAX_QUANTITY = 5
-- bench-intake --largest: every order is the largest valid one (100 lines, 64-character product ids), to size memory.
local LARGEST = os.getenv("BENCH_INTAKE_LARGEST") == "1"

-- The script is loaded in the main Lua state and in each thread's own. setup() runs in the main one, once per
-- thread: it numbers the threads, gives them the run's start time, and keeps them for done(). The start time makes
-- customer ids differ from one run to the next; the thread index and a count, within a run.
local threads = {}
local started = os.time()

function setup(thread)
  thread:set("run_tag", started)
  thread:set("thread_index", #threads + 1)
  table.insert(threads, thread)
end

-- The rest runs in each thread's Lua state, where the values given by setup() are globals.
local sent = 0
-- Answers by HTTP status, read by done() through thread:get.
statuses = {}

function init()
  math.randomseed(run_tag + thread_index)
end

local function order_body()
  local lines = {}
  for i = 1, LARGEST and 100 or math.random(MAX_LINES) do
    local product = math.random(PRODUCTS)
    -- A fixed price per product, in cents, so amounts are exact decimals.
    local cents = 150 + product * 75
    local id = string.format("bench-p%02d", product)
    if LARGEST then
      id = id .. string.rep("x", 64 - #id)
    end
    lines[i] = string.format('{"productId":"%s","quantity":%d,"unitPrice":%d.%02d}',
      id, math.random(MAX_QUANTITY), math.floor(cents / 100), cents % 100)
  end
  sent = sent + 1
  return string.format('{"customerId":"bench-%d-t%d-%d","items":[%s]}',
    run_tag, thread_index, sent, table.concat(lines, ","))
end

-- infra/bin/bench-intake exports the bearer token (its own, or API_TOKEN) for every request.
local headers = { ["Content-Type"] = "application/json" }
if os.getenv("API_TOKEN") then
  headers["Authorization"] = "Bearer " .. os.getenv("API_TOKEN")
end

function request()
  return wrk.format("POST", "/orders", headers, order_body())
end

function response(status)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency)
  local non_2xx, by_status = 0, {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      by_status[status] = (by_status[status] or 0) + count
    end
  end
  local codes = {}
  for status, count in pairs(by_status) do
    if status < 200 or status > 299 then
      non_2xx = non_2xx + count
      table.insert(codes, status)
    end
  end
  table.sort(codes)
  local breakdown = {}
  for i, status in ipairs(codes) do
    breakdown[i] = string.format("%d: %d", status, by_status[status])
  end

  local e = summary.errors
  local seconds = summary.duration / 1e6
  local function ms(percentile) return latency:percentile(percentile) / 1000 end
  -- The same lines, in the same format, as IntakeBenchmark.printSummary.
  io.write(string.format("requests:    %d\n", summary.requests))
  io.write(string.format("duration:    %.1f s\n", seconds))
  io.write(string.format("throughput:  %.1f req/s\n", summary.requests / seconds))
  io.write(string.format("latency:     p50 %.1f ms, p99 %.1f ms, p999 %.1f ms, max %.1f ms\n",
    ms(50), ms(99), ms(99.9), latency.max / 1000))
  io.write(string.format("non-2xx:     %d%s\n", non_2xx,
    #breakdown > 0 and " (" .. table.concat(breakdown, ", ") .. ")" or ""))
  io.write(string.format("errors:      %d (connect %d, read/write %d, timeout %d)\n",
    e.connect + e.read + e.write + e.timeout, e.connect, e.read + e.write, e.timeout))
end
