import pytest

from profiling_followup.cache import PooledClientRedisCache
from tests.test_two_servers import redis_answers


@pytest.mark.skipif(not redis_answers(), reason="no Redis server on 127.0.0.1:6379")
def test_the_redis_cache_keeps_one_client_and_still_stores_and_expires():
    cache = PooledClientRedisCache("redis://127.0.0.1:6379/8", {"KEY_PREFIX": "test-cache"})
    client = cache._cache.get_client()
    assert cache._cache.get_client(write=True) is client
    cache.set("figures", {"trained": 714}, timeout=60)
    assert cache.get("figures") == {"trained": 714}
    cache.set("gone", 1, timeout=0)  # Django: a timeout of 0 expires at once
    assert cache.get("gone") is None
    cache.delete("figures")
    assert cache.get("figures") is None
