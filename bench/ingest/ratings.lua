-- wrk script: what kiosks really send to POST /api/v1/ratings and
-- /api/v1/complaints. Every request carries a fresh UUID (the idempotency
-- key, version 7 like the kiosk's). Mix: 95% ratings (about 70% levels 1-3; bad
-- reviews carry reasons and detail answers, 40% of them a named contact), 5%
-- complaints.
-- Env: YEYOU_TOKENS (comma-separated kiosk bearer tokens: the fleet sending),
-- YEYOU_VENUES (max venue id, default 21), YEYOU_RANDOM_KEYS=1 (version 4 keys,
-- as a client sends that does not order its keys).

local tokens = {}
for t in string.gmatch(os.getenv("YEYOU_TOKENS") or "", "[^,]+") do tokens[#tokens + 1] = t end
local venues = tonumber(os.getenv("YEYOU_VENUES") or "21")
local thread_no = 0
local counter = 0
local random_keys = os.getenv("YEYOU_RANDOM_KEYS") == "1"
local reasons = {"crowding", "queueing", "prices", "staff_attitude", "cleanliness", "safety", "transport", "information"}

function setup(thread)
  thread_no = thread_no + 1
  thread:set("tid", thread_no)
end

function init(args)
  math.randomseed(os.time() * 1000 + tid)
end

-- The idempotency key as a kiosk makes it (core/uuid.hpp): a version 7 UUID,
-- the Unix time in milliseconds then random bits.
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } yeyou_timespec;
int clock_gettime(int clock_id, yeyou_timespec *ts);
]]
local CLOCK_REALTIME = 0
local clock = ffi.new("yeyou_timespec")

local function uuid()
  ffi.C.clock_gettime(CLOCK_REALTIME, clock)
  local ms = tonumber(clock.tv_sec) * 1000 + math.floor(tonumber(clock.tv_nsec) / 1e6)
  local t = {}
  for i = 6, 1, -1 do t[i] = ms % 256; ms = math.floor(ms / 256) end
  for i = 7, 16 do t[i] = math.random(0, 255) end
  if random_keys then for i = 1, 6 do t[i] = math.random(0, 255) end end
  t[7] = (t[7] % 16) + (random_keys and 0x40 or 0x70)
  t[9] = (t[9] % 64) + 0x80
  local h = string.format(string.rep("%02x", 16), (table.unpack or unpack)(t))
  return h:sub(1, 8) .. "-" .. h:sub(9, 12) .. "-" .. h:sub(13, 16) .. "-" .. h:sub(17, 20) .. "-" .. h:sub(21, 32)
end

local function headers()
  return {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. (tokens[(counter % #tokens) + 1] or "")}
end
local now = os.date("!%Y-%m-%dT%H:%M:%SZ")

function request()
  counter = counter + 1
  local venue = math.random(1, venues)
  if math.random() < 0.05 then
    local body = string.format(
      '{"id":"%s","tracking_no":"B%d-%d-%06d","subject":{"kind":"venue","id":"%d"},"category":"prices",' ..
      '"text":"烤串价格与标价不符，结账时多收了二十元","contact":{"name":"王先生","phone":"13800138000"},"created_at":"%s"}',
      uuid(), tid, os.time(), counter, venue, now)
    return wrk.format("POST", "/api/v1/complaints", headers(), body)
  end
  local level
  if math.random() < 0.7 then level = math.random(1, 3) else level = math.random(4, 5) end
  local extra = ""
  if level >= 4 then
    extra = string.format(',"reasons":["%s","%s"],"answers":{"guidance_clear":false,"process_convenient":true},' ..
                          '"comment":"排队太久，指引不清楚"', reasons[math.random(1, 8)], reasons[math.random(1, 8)])
    if math.random() < 0.4 then extra = extra .. ',"contact":{"name":"李女士","phone":"13912345678"}' end
  end
  local body = string.format('{"id":"%s","subject":{"kind":"venue","id":"%d"},"level":%d%s,"channel":"kiosk","created_at":"%s"}',
                             uuid(), venue, level, extra, now)
  return wrk.format("POST", "/api/v1/ratings", headers(), body)
end

local failures = 0
function response(status, headers, body)
  if status ~= 201 then failures = failures + 1 end
end

function done(summary, latency, requests)
  io.write(string.format('WRK {"requests":%d,"seconds":%.3f,"rps":%.1f,"p50_ms":%.2f,"p99_ms":%.2f,"max_ms":%.2f,"errors":%d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout))
end
