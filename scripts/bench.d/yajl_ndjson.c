/* yajl_ndjson: how fast yajl (the C streaming JSON parser, libyajl 2.x) parses NDJSON.
 *
 * A reference point for conform's own JSON/NDJSON tokenizer, not part of conform.
 *
 * usage: yajl_ndjson FILE
 *
 * Reads FILE in 64 KiB chunks with read(2) and parses it as a stream of top-level JSON values
 * (yajl_allow_multiple_values), with the callbacks a validator needs at least: it counts
 * objects, members (map keys), strings (adding up their lengths), numbers (the yajl_number
 * callback, so that no number is converted), booleans and nulls. yajl's UTF-8 check of strings
 * stays on (the default). yajl does not check NDJSON's line framing: it also takes several
 * values on one line or one value across lines. Prints one line of JSON:
 *
 *   {"bytes":N,"objects":N,"members":N,"strings":N,"numbers":N,"seconds":S,"mb_per_s":X}
 *
 * seconds is CLOCK_MONOTONIC time around the read+parse loop (open and set-up excluded);
 * mb_per_s is bytes / 1e6 / seconds. On a parse error prints yajl's verbose error and exits 1;
 * exits 2 on a usage, open or read error.
 *
 * build (Debian: apt-get install libyajl-dev; pkg-config name "yajl"):
 *   cc -O2 -o .bench/yajl_ndjson scripts/bench.d/yajl_ndjson.c $(pkg-config --cflags --libs yajl)
 */

#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <yajl/yajl_parse.h>

#define CHUNK (64 * 1024)

struct counts {
    unsigned long long objects, members, strings, string_bytes, numbers, booleans, nulls, arrays;
};

static int on_null(void *ctx) { ((struct counts *)ctx)->nulls++; return 1; }
static int on_boolean(void *ctx, int b) { (void)b; ((struct counts *)ctx)->booleans++; return 1; }

static int on_number(void *ctx, const char *s, size_t len)
{
    (void)s; (void)len;
    ((struct counts *)ctx)->numbers++;
    return 1;
}

static int on_string(void *ctx, const unsigned char *s, size_t len)
{
    struct counts *c = ctx;
    (void)s;
    c->strings++;
    c->string_bytes += len;
    return 1;
}

static int on_start_map(void *ctx) { ((struct counts *)ctx)->objects++; return 1; }

static int on_map_key(void *ctx, const unsigned char *s, size_t len)
{
    (void)s; (void)len;
    ((struct counts *)ctx)->members++;
    return 1;
}

static int on_end_map(void *ctx) { (void)ctx; return 1; }
static int on_start_array(void *ctx) { ((struct counts *)ctx)->arrays++; return 1; }
static int on_end_array(void *ctx) { (void)ctx; return 1; }

static const yajl_callbacks callbacks = {
    on_null, on_boolean, NULL, NULL, on_number, on_string,
    on_start_map, on_map_key, on_end_map, on_start_array, on_end_array,
};

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int has_nonspace(const unsigned char *p, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (p[i] != ' ' && p[i] != '\t' && p[i] != '\n' && p[i] != '\r')
            return 1;
    return 0;
}

/* Print yajl's verbose error for the chunk just parsed, free everything, return 1. */
static int parse_error(yajl_handle h, const unsigned char *buf, size_t len)
{
    unsigned char *msg = yajl_get_error(h, 1, buf, len);
    fprintf(stderr, "yajl_ndjson: parse error: %s", (const char *)msg);
    yajl_free_error(h, msg);
    yajl_free(h);
    return 1;
}

int main(int argc, char **argv)
{
    static unsigned char buf[CHUNK];
    struct counts c;
    unsigned long long bytes = 0;
    int nonspace = 0;
    ssize_t n;

    if (argc != 2) {
        fprintf(stderr, "usage: yajl_ndjson FILE\n");
        return 2;
    }
    int fd = open(argv[1], O_RDONLY);
    if (fd < 0) {
        fprintf(stderr, "yajl_ndjson: %s: %s\n", argv[1], strerror(errno));
        return 2;
    }
    memset(&c, 0, sizeof c);
    yajl_handle h = yajl_alloc(&callbacks, NULL, &c);
    if (h == NULL || !yajl_config(h, yajl_allow_multiple_values, 1)) {
        fprintf(stderr, "yajl_ndjson: cannot set up the parser\n");
        return 2;
    }

    double t0 = now();
    while ((n = read(fd, buf, sizeof buf)) > 0) {
        bytes += (unsigned long long)n;
        if (!nonspace) /* scans up to the first value only */
            nonspace = has_nonspace(buf, (size_t)n);
        if (yajl_parse(h, buf, (size_t)n) != yajl_status_ok)
            return parse_error(h, buf, (size_t)n);
    }
    if (n < 0) {
        fprintf(stderr, "yajl_ndjson: %s: %s\n", argv[1], strerror(errno));
        return 2;
    }
    /* yajl says "premature EOF" for an input of only whitespace; as NDJSON that is an empty
     * stream, not an error. */
    if (yajl_complete_parse(h) != yajl_status_ok && nonspace)
        return parse_error(h, buf, 0);
    double seconds = now() - t0;

    yajl_free(h);
    close(fd);
    printf("{\"bytes\":%llu,\"objects\":%llu,\"members\":%llu,\"strings\":%llu,\"numbers\":%llu,"
           "\"seconds\":%.6f,\"mb_per_s\":%.1f}\n",
           bytes, c.objects, c.members, c.strings, c.numbers, seconds,
           seconds > 0 ? (double)bytes / 1e6 / seconds : 0.0);
    return 0;
}
