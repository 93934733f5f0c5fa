/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  mbg_password_on_option       (const char                 *option_name,
                                        const char                 *value,
                                        gpointer                    data,
                                        GError                    **error);
void      mbg_password_take_arguments  (int                        *argc,
                                        char                      **argv,
                                        const GOptionEntry * const *groups);
char     *mbg_password_steal           (gboolean                   *prompt);
char     *mbg_password_ask             (GError                    **error);

G_END_DECLS
