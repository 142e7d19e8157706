-- wrk script for bench/load.py: public page views mixed with citizen-input posts (1 in POST_EVERY).
-- The CSRF cookie and the form's token are the same 32-character secret (Django accepts that);
-- every post carries a new form token, so none is taken for a resend of another.
local pages = {"/strangnas/", "/strangnas/2022-2023/", "/strangnas/2021/5/", "/strangnas/mariefred/2026-2027/",
               "/", "/strangnas/fynd/", "/strangnas/kalender/", "/strangnas/lagesbild/", "/strangnas/synpunkter.json"}
local secret = "loadtestloadtestloadtestloadtest"
local post_every = tonumber(os.getenv("POST_EVERY") or "20")
local threads = {}
local counter = 0

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end

local function uuid()
  local template = "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx"
  return (template:gsub("[xy]", function(c)
    local v = (c == "x") and math.random(0, 15) or math.random(8, 11)
    return string.format("%x", v)
  end))
end

function request()
  counter = counter + 1
  if counter % post_every == 0 then
    local body = "message=Lasttest%3A+det+%C3%A4r+m%C3%B6rkt+vid+stationen.&csrfmiddlewaretoken=" .. secret
                 .. "&token=" .. uuid() .. "&website="
    return wrk.format("POST", "/strangnas/synpunkter/", {
      ["Content-Type"] = "application/x-www-form-urlencoded",
      ["Cookie"] = "csrftoken=" .. secret,
    }, body)
  end
  return wrk.format("GET", pages[(counter % #pages) + 1])
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    local s = thread:get("statuses")
    for code, n in pairs(s) do total[code] = (total[code] or 0) + n end
  end
  for code, n in pairs(total) do io.write(string.format("status %d %d\n", code, n)) end
  for _, p in ipairs({50, 90, 99}) do
    io.write(string.format("latency p%d %.1f ms\n", p, latency:percentile(p) / 1000))
  end
end
