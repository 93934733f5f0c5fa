/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _MbgFilter MbgFilter;

MbgFilter *mbg_filter_new   (char * const *only_schemas,
                             char * const *ignored_schemas,
                             char * const *only_tables,
                             char * const *ignored_tables);
void       mbg_filter_free  (MbgFilter    *filter);
gboolean   mbg_filter_wants (MbgFilter    *filter,
                             const char   *schema,
                             const char   *table);
gboolean   mbg_filter_wants_schema (MbgFilter *filter,
                                    const char *schema);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MbgFilter, mbg_filter_free)

G_END_DECLS
