/* ioc-index-csv.h — the CSV files the index commands read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define IOC_INDEX_CSV_ERROR (ioc_index_csv_error_quark ())

typedef enum {
  IOC_INDEX_CSV_ERROR_ENCODING,   /* not UTF-8 */
  IOC_INDEX_CSV_ERROR_SYNTAX,     /* unterminated quote, text after a closing quote */
  IOC_INDEX_CSV_ERROR_EMPTY,      /* no header */
} IocIndexCsvError;

typedef struct {
  guint   line;     /* 1-based line the record starts on */
  char  **fields;   /* NULL-terminated */
  guint   n_fields;
} IocIndexCsvRecord;

GQuark     ioc_index_csv_error_quark (void);
GPtrArray *ioc_index_csv_parse       (const char  *data,
                                      gsize        length,
                                      GError     **error);
char      *ioc_index_csv_read        (const char  *path,
                                      gsize       *length,
                                      GError     **error);
int        ioc_index_csv_find_column (const IocIndexCsvRecord *header,
                                      const char  *name);
/* Reads and parses @path and finds each of @columns (NULL-terminated) in
 * its header, writing their indices to @col. Returns the records, header
 * first, or NULL with an error naming the file's problem. */
GPtrArray *ioc_index_csv_load        (const char  *path,
                                      const char * const *columns,
                                      int         *col,
                                      GError     **error);
gboolean   ioc_index_csv_parse_number (const char *text,
                                      double      *value);
void       ioc_index_csv_escape      (GString     *out,
                                      const char  *field);

G_END_DECLS
