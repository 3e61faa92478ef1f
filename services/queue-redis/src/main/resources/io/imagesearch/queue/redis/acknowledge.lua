-- KEYS[1] tasks stream; ARGV[1] group, ARGV[2] entry id
-- Done for good: release the claim and drop the entry, so the stream holds only the backlog.
-- Idempotent, and honoured even if the claim was taken over: the work is done.
redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
return redis.call('XDEL', KEYS[1], ARGV[2])
