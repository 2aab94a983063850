/* Fuzz target: the file-name sanitiser and the folder-name check. Any
 * title, however hostile, must give a safe single path component. */
#include "fuzz.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *title = fuzz_copy(data, size);
	char name[NFS_NAME_MAX + 1];
	int32_t date = size >= 4 ? (int32_t)(data[0] | data[1] << 8 |
					      data[2] << 16) % 100000000 : 0;
	const char *tag = size & 1 ? "deadbeef" : NULL;
	size_t n = nfs_article_name(name, date, title, size, tag);
	if (n > NFS_NAME_MAX || strlen(name) != n || !utf8_valid(name, n))
		abort();
	if (name[0] == '.' || strchr(name, '/'))
		abort();
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)name[i] < 0x20 || name[i] == 0x7f)
			abort();
	/* Strip ".txt": the rest must be a valid folder name too. */
	name[n - 4] = '\0';
	if (n > 4 && strchr(name, '|') == NULL && !nfs_name_ok(name))
		abort();
	(void)nfs_name_ok(title);
	free(title);
	return 0;
}
