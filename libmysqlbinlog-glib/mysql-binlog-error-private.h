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

G_END_DECLS
