/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mbg-message.h"

G_BEGIN_DECLS

/* Takes a message it is given and sends it on. */
typedef void (*MbgEmitFunc) (MbgMessage *message,
                             gpointer    user_data);

typedef struct _MbgDedup MbgDedup;

MbgDedup *mbg_dedup_new                 (gint64       window_us,
                                         MbgEmitFunc  emit,
                                         gpointer     user_data);
void      mbg_dedup_free                (MbgDedup    *dedup);
void      mbg_dedup_queue               (MbgDedup    *dedup,
                                         MbgMessage  *message);
void      mbg_dedup_flush               (MbgDedup    *dedup,
                                         gboolean     all);
guint64   mbg_dedup_get_next_seq        (MbgDedup    *dedup);
guint64   mbg_dedup_get_oldest_held     (MbgDedup    *dedup);
guint64   mbg_dedup_get_n_merged        (MbgDedup    *dedup);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MbgDedup, mbg_dedup_free)

G_END_DECLS
