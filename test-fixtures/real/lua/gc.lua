-- the garbage collector: finalizers, weak tables, generational and incremental modes
local log = {}
do
  for i = 1, 5 do
    setmetatable({}, {__gc = function() log[#log + 1] = i end})
  end
end
collectgarbage()
collectgarbage()
table.sort(log)
print("finalized", table.concat(log, ","))

local weak = setmetatable({}, {__mode = "k"})
local keep = {}
weak[keep] = "kept"
weak[{}] = "dropped"
collectgarbage()
local n = 0
for k, v in pairs(weak) do n = n + 1; print("weak entry", v) end
print("weak entries", n)

local cache = setmetatable({}, {__mode = "v"})
cache.a = {}
cache.b = keep
collectgarbage()
print("weak values", cache.a, cache.b == keep)

print(collectgarbage("generational"))
local big = {}
for i = 1, 100000 do big[i] = {i} end
big = nil
collectgarbage()
print(collectgarbage("incremental"))
print(collectgarbage("isrunning"), collectgarbage("step", 0) ~= nil)
local strings = {}
for i = 1, 20000 do strings[i] = ("s"):rep(i % 50) .. i end
print(#strings, strings[20000])
