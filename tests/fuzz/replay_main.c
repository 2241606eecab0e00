/* replay_main.c: a main() for the fuzz targets without libFuzzer, so that `make check` (with the
 * ordinary compiler, and with the sanitizers under `make asan`) replays the regression inputs
 * and the seed corpus through every target. Usage: replay FILE... ; each file is handed to
 * LLVMFuzzerTestOneInput in a buffer of exactly its size, so that ASan sees any overread.
 * Exits 0 when every input ran (a crash or failed assertion aborts the process). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define REPLAY_MAX (64u * 1024 * 1024)

static int replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	long size;
	int ret = -1;

	if (!f) {
		perror(path);
		return -1;
	}
	if (fseek(f, 0, SEEK_END) != 0)
		goto out;
	size = ftell(f);
	if (size < 0 || fseek(f, 0, SEEK_SET) != 0)
		goto out;
	if ((unsigned long)size > REPLAY_MAX) {
		fprintf(stderr, "replay: %s: skipped (larger than %u bytes)\n", path, REPLAY_MAX);
		ret = 0;
		goto out;
	}
	buf = malloc(size ? (size_t)size : 1);
	if (!buf)
		goto out;
	if (size && fread(buf, 1, (size_t)size, f) != (size_t)size)
		goto out;
	LLVMFuzzerTestOneInput(buf, (size_t)size);
	ret = 0;
out:
	if (ret < 0)
		fprintf(stderr, "replay: %s: cannot read\n", path);
	free(buf);
	fclose(f);
	return ret;
}

int main(int argc, char **argv)
{
	int i, ret = 0;

	for (i = 1; i < argc; i++)
		if (replay_file(argv[i]) < 0)
			ret = 1;
	return ret;
}
