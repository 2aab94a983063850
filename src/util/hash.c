/* Content hash: XXH3-128, stored and shown in canonical byte order so the
 * value is the same on every machine. */
#include "util.h"

#include <string.h>
#include <xxhash.h>

_Static_assert(sizeof(XXH128_canonical_t) == NFS_HASH_LEN,
	       "hash length must match XXH3-128");

void nfs_hash(const void *data, size_t len, uint8_t out[NFS_HASH_LEN])
{
	XXH128_canonical_t c;
	XXH128_canonicalFromHash(&c, XXH3_128bits(data, len));
	memcpy(out, c.digest, NFS_HASH_LEN);
}

void nfs_hash_hex(const uint8_t hash[NFS_HASH_LEN],
		  char out[2 * NFS_HASH_LEN + 1])
{
	static const char hex[] = "0123456789abcdef";
	for (size_t i = 0; i < NFS_HASH_LEN; i++) {
		out[2 * i] = hex[hash[i] >> 4];
		out[2 * i + 1] = hex[hash[i] & 15];
	}
	out[2 * NFS_HASH_LEN] = '\0';
}
