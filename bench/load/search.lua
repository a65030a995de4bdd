-- wrk script for bench/search-load.sh: the search page for each query of a list (one
-- path per line in the file BENCH_PATHS), each thread walking the list from its own
-- place. done() prints the answers by status.
local paths = {}
for line in io.lines(os.getenv("BENCH_PATHS")) do paths[#paths + 1] = line end
local threads = {}
counts = {}

function setup(thread)
	thread:set("start", #threads * 97)
	table.insert(threads, thread)
end

function init(args)
	i = start or 0
end

function request()
	i = i + 1
	return wrk.format("GET", paths[(i % #paths) + 1])
end

function response(status, headers, body)
	counts[status] = (counts[status] or 0) + 1
end

function done(summary, latency, requests)
	local all = {}
	for _, t in ipairs(threads) do
		for status, n in pairs(t:get("counts")) do all[status] = (all[status] or 0) + n end
	end
	for status, n in pairs(all) do print(string.format("status %d: %d", status, n)) end
end
