-- KEYS[1] lease key; ARGV[1] holder
-- Gives the lease up only while this holder still has it, so a holder whose lease expired cannot
-- remove the next holder's.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
