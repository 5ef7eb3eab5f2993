#!/usr/bin/env bash
# Recorrido de la cola de consultas a la CNCS (criterio 6.viii), con la hora fijada por CRITERIO_NOW.
# Uso: Samples/cola/recorrido.sh   (desde la raíz del repositorio, después de `swift build`)
set -euo pipefail
cd "$(dirname "$0")"
criterio="${CRITERIO_BIN:-../../.build/debug/criterio}"
carpeta="$(mktemp -d)"; trap 'rm -rf "$carpeta"' EXIT
export CRITERIO_DATABASE_URL="$carpeta/cola.sqlite"   # una cola nueva, solo para este recorrido
paso() { printf '\n$ %s\n' "$*"; "$@"; }
estado() { printf '\n$ %s\n' "$*"; set +e; "$@"; printf '(código de salida: %s)\n' "$?"; set -e; }

# 1. Viernes 20 de noviembre: usuarios. La primera es supervisora; ella da de alta a los demás.
export CRITERIO_NOW=2026-11-20T12:00:00-06:00
paso "$criterio" users add sofia --role supervisor --create   # la cola nueva se crea a propósito
paso "$criterio" users add ana --role admin --area DECEYEC --as sofia
paso "$criterio" users add rosa --role cncs --as sofia

# 2. Lunes 23 de noviembre, 10:00: Ana revisa dos borradores; ambos necesitan consulta (código 3).
export CRITERIO_NOW=2026-11-23T10:00:00-06:00
estado "$criterio" lint 01-linchamiento-figurado.md 02-sin-respuesta.md
paso "$criterio" consult submit 01-linchamiento-figurado.md --as ana \
  --question "¿Podemos publicar «linchamiento»? Es la palabra de la nota informativa."
paso "$criterio" consult submit 02-sin-respuesta.md --as ana \
  --question "Aviso de seguridad con la palabra «levantón»; ¿se puede publicar así?"

# 3. La CNCS ve la cola por vencimiento, reclama la primera y la aprueba.
export CRITERIO_USER=rosa
paso "$criterio" queue list
paso "$criterio" queue claim 1
paso "$criterio" queue approve 1 --comment "Aprobada: describe un hecho y lo condena."

# 4. La aprobación cubre ese texto exacto: lint ya lo deja pasar (código 0).
estado "$criterio" lint 01-linchamiento-figurado.md

# 5. Miércoles 25, 10:00: nadie respondió la segunda. tick la vence; vencida no es aprobada.
export CRITERIO_NOW=2026-11-25T10:00:00-06:00
paso "$criterio" queue tick
estado "$criterio" lint 02-sin-respuesta.md
paso "$criterio" consult status 2 --as ana

# 6. La bitácora: cada evento, encadenado por huellas SHA-256.
paso "$criterio" audit log
paso "$criterio" audit verify
