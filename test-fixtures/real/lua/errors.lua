-- errors: error values, levels, pcall/xpcall, nested unwinding (longjmp), error objects, tostring
print(pcall(error, "plain"))
print(pcall(error, "level 2", 2))
print(select(2, pcall(error, {code = 42})).code)
print(select(2, pcall(error, setmetatable({}, {__tostring = function() return "custom" end}))))
print(pcall(function() local t = nil; return t.x end))
print(pcall(function() return 1 + {} end))
print(pcall(function() return #5 end))
print(pcall(string.rep))
print(pcall(string.format, "%d", "x"))
print(xpcall(function() error("with handler") end, function(m) return "handled: " .. m end))

local depth = 0
local function recurse(n)
  depth = depth + 1
  if n == 0 then error("bottom reached") end
  return recurse(n - 1) + 1
end
print(pcall(recurse, 100), depth)

local ok, msg = pcall(function()
  local ok2, msg2 = pcall(error, "inner")
  error("outer after " .. tostring(msg2))
end)
print(ok, msg)

print(select("#", pcall(function() return 1, 2, 3 end)))
print(pcall(setmetatable, 1, {}))
local t = setmetatable({}, {__index = function(_, k) error("no field " .. k) end})
print(pcall(function() return t.missing end))
print(string.format("%q", "quoted\n\"string\"\0end"))
print(tostring(nil), tostring(false), tostring(12), tostring(1.5), tostring(2^63), math.type(2^53))
print(tostring(true), 10 // 3, 10 % -3, -7 // 2, 7.0 // 2, 1e308 * 10, -(0/0) ~= -(0/0))
