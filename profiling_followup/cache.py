"""Django's Redis cache backend, keeping one Redis client per connection pool.

Django builds a new `redis.Redis` for every cache call, and redis-py fills some 170
response callbacks in each: about 0.2 ms, every page makes two such calls (session,
figures) and a trivial page costs about 2 ms. A client over a pool is thread-safe.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class PooledClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        if pool not in self._clients:
            self._clients[pool] = self._client(connection_pool=pool)
        return self._clients[pool]


class PooledClientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = PooledClientRedisCacheClient
