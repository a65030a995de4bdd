-- wrk mix for bench/load.sh: public pages, searches, API reads and API writes.
-- The API token comes from the environment (BENCH_TOKEN); lesson ids from BENCH_IDS
-- (comma-separated). Each thread counts answers by status; done() prints the counts.
local token = os.getenv("BENCH_TOKEN") or ""
local ids = {}
for id in string.gmatch(os.getenv("BENCH_IDS") or "1", "[^,]+") do ids[#ids + 1] = id end
local words = { "computer", "data", "access", "interception", "evidence", "fraud",
                "system", "child", "offence", "seizure" }
local auth = { ["Authorization"] = "Bearer " .. token }
local json = { ["Authorization"] = "Bearer " .. token,
               ["Content-Type"] = "application/json" }
local threads = {}
counts, n = {}, 0  -- globals: done() reads each thread's counts

-- weight, kind, function returning method, path, headers, body
local mix = {
	{ 20, "page",   function() return "GET", "/", nil, nil end },
	{ 10, "page",   function() return "GET", "/countries", nil, nil end },
	{ 10, "page",   function() return "GET", "/countries/KE", nil, nil end },
	{  5, "page",   function() return "GET", "/lessons", nil, nil end },
	{ 10, "search", function() return "GET", "/search?q=" .. words[math.random(#words)], nil, nil end },
	{ 10, "search", function() return "GET", "/api/v1/search?q=" .. words[math.random(#words)], nil, nil end },
	{ 10, "read",   function() return "GET", "/api/v1/countries/KE", nil, nil end },
	{ 10, "read",   function() return "GET", "/api/v1/lessons", auth, nil end },
	{ 10, "read",   function() return "GET", "/api/v1/lessons/" .. ids[math.random(#ids)], auth, nil end },
	{  5, "write",  function()
		n = n + 1
		return "POST", "/api/v1/lessons", json,
			string.format('{"title":"Load test lesson %d","country":"KE","language":"en",' ..
			              '"body":"Written by bench/load.sh, request %d."}', math.random(1e9), n)
	end },
}
local total = 0
for _, m in ipairs(mix) do total = total + m[1] end

function setup(thread)
	table.insert(threads, thread)
end

function init(args)
	counts = {}
	n = 0
	math.randomseed(os.time() + math.floor(os.clock() * 1e6))
end

function request()
	local r = math.random(total)
	for _, m in ipairs(mix) do
		r = r - m[1]
		if r <= 0 then
			local method, path, headers, body = m[3]()
			return wrk.format(method, path, headers, body)
		end
	end
end

function response(status, headers, body)
	counts[status] = (counts[status] or 0) + 1
end

function done(summary, latency, requests)
	local all = {}
	for _, t in ipairs(threads) do
		local c = t:get("counts")
		for k, v in pairs(c) do all[k] = (all[k] or 0) + v end
	end
	local line = "statuses:"
	local keys = {}
	for k in pairs(all) do keys[#keys + 1] = k end
	table.sort(keys)
	for _, k in ipairs(keys) do line = line .. string.format(" %d=%d", k, all[k]) end
	io.write(line .. "\n")
	io.write(string.format("summary: requests %d, seconds %.1f, rps %.0f, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms, socket errors %d, non-2xx/3xx %d\n",
		summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
		latency:percentile(50) / 1000, latency:percentile(90) / 1000,
		latency:percentile(99) / 1000, latency.max / 1000,
		summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
		summary.errors.status))
end
