/* dossier-contract.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Umbrella header of libdossier-contract.
 */

#pragma once

#include "dossier-data-type.h"
#include "dossier-data-uri.h"
#include "dossier-date.h"
#include "dossier-image-check.h"
#include "dossier-json-number.h"
