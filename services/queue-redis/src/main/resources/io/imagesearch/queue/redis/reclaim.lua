-- KEYS[1] tasks stream
-- ARGV[1] group, ARGV[2] consumer, ARGV[3] visibility timeout (ms), ARGV[4] most to claim
-- Takes over entries claimed longer ago than the visibility timeout (their worker died or
-- stalled). Returns {entry id, delivery count, field, value, ...} per claimed entry; the count
-- is read in the same step so it is exactly this claim's.
local stream, group, consumer, min_idle = KEYS[1], ARGV[1], ARGV[2], ARGV[3]
local wanted = tonumber(ARGV[4])
local claimed = {}
local cursor = '0-0'
-- Each XAUTOCLAIM scans at most 10 * COUNT pending entries; a few rounds bound the cost.
for _ = 1, 4 do
  local reply = redis.call('XAUTOCLAIM', stream, group, consumer, min_idle, cursor,
    'COUNT', wanted - #claimed)
  cursor = reply[1]
  for _, entry in ipairs(reply[2]) do
    if type(entry) == 'table' and type(entry[2]) == 'table' then
      local pending = redis.call('XPENDING', stream, group, entry[1], entry[1], 1)
      local item = {entry[1], pending[1][4]}
      for _, value in ipairs(entry[2]) do
        item[#item + 1] = value
      end
      claimed[#claimed + 1] = item
    end
  end
  if cursor == '0-0' or #claimed >= wanted then
    break
  end
end
return claimed
