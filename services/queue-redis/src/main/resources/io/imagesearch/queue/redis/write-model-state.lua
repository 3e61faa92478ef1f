-- KEYS[1] model state hash
-- ARGV[1] revision of the next state, ARGV[2..] field, value, ... (the whole next state)
-- Compares the stored revision with the next one's predecessor (none stored: the next is the
-- first), then replaces the hash whole, so fields of parts the next state lacks do not linger.
-- Returns 1 when written, 0 when another revision is stored.
local stored = redis.call('HGET', KEYS[1], 'revision')
local next = tonumber(ARGV[1])
if stored == false then
  if next ~= 1 then
    return 0
  end
elseif tonumber(stored) ~= next - 1 then
  return 0
end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], unpack(ARGV, 2))
return 1
