-- KEYS[1] lease key; ARGV[1] holder, ARGV[2] TTL (ms)
-- Extends the lease only while this holder still has it: 1 when extended, 0 when lost.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0
