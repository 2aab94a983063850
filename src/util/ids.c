/* Sorting lists of article ids, or of records keyed by one (util.h). */
#include "util.h"

#include <stdlib.h>
#include <string.h>

static int cmp_key(const void *a, const void *b)
{
	int64_t x, y;
	memcpy(&x, a, sizeof(x));
	memcpy(&y, b, sizeof(y));
	return (x > y) - (x < y);
}

static int64_t key_at(const char *v, size_t i, size_t size)
{
	int64_t k;
	memcpy(&k, v + i * size, sizeof(k));
	return k;
}

/* Bare ids over a dense enough range: a bitmap sorts them in linear
 * time, repeats falling out by themselves. false when it cannot (too
 * sparse, or no memory): the caller sorts. */
static bool bitmap_sort(int64_t *v, size_t *n, int64_t lo, int64_t hi)
{
	uint64_t words = (uint64_t)(hi - lo) / 64 + 1;
	if (words > (uint64_t)*n * 4)
		return false;
	uint64_t *bits = calloc(words, sizeof(*bits));
	if (!bits)
		return false;
	for (size_t i = 0; i < *n; i++) {
		uint64_t d = (uint64_t)(v[i] - lo);
		bits[d / 64] |= UINT64_C(1) << (d % 64);
	}
	size_t o = 0;
	for (uint64_t w = 0; w < words; w++)
		for (uint64_t b = bits[w]; b; b &= b - 1)
			v[o++] = lo + (int64_t)(w * 64 +
				(uint64_t)__builtin_ctzll(b));
	free(bits);
	*n = o;
	return true;
}

bool ids_has(const int64_t *v, size_t n, int64_t x)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && v[lo] == x;
}

size_t ids_sort_unique(void *base, size_t n, size_t size)
{
	char *v = base;
	if (n < 2)
		return n;
	int64_t lo = key_at(v, 0, size), hi = lo, prev = lo;
	bool sorted = true;
	for (size_t i = 1; i < n; i++) {
		int64_t k = key_at(v, i, size);
		sorted = sorted && prev <= k;
		prev = k;
		lo = k < lo ? k : lo;
		hi = k > hi ? k : hi;
	}
	if (!sorted && size == sizeof(int64_t) &&
	    bitmap_sort(base, &n, lo, hi))
		return n;
	if (!sorted)
		qsort(v, n, size, cmp_key);
	size_t o = 1;
	for (size_t i = 1; i < n; i++)
		if (key_at(v, i, size) != key_at(v, o - 1, size)) {
			if (o != i)
				memcpy(v + o * size, v + i * size, size);
			o++;
		}
	return o;
}
