/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mysql-binlog-error.h"

G_BEGIN_DECLS

/* Sets a MYSQL_BINLOG_ERROR_CORRUPT_EVENT error; always returns FALSE. */
gboolean _mysql_binlog_set_corrupt (GError     **error,
                                    const char  *format,
                                    ...) G_GNUC_PRINTF (2, 3);

/* Text from outside (a file, an argument) made fit to quote in a message:
 * printable ASCII as it is, a backslash doubled, \n, \r and \t as such,
 * every other byte as \xNN, cut after @max_bytes bytes of @text with an
 * ellipsis.  @length -1: up to the first NUL. */
char *_mysql_binlog_quote_text (const char *text,
                                gssize      length,
                                gsize       max_bytes);

/* How much of a corrupt or invalid input a message quotes. */
#define MYSQL_BINLOG_QUOTE_MAX 64

G_END_DECLS
