#!/usr/bin/env bash
# Dynamic batching on the CUDA provider vs the CPU provider, on one GPU machine, in one short slot.
#
#   bench/gpu.sh publish [dir]   here (has .NET): a self-contained linux-x64 Gpu.Bench built against
#                                Microsoft.ML.OnnxRuntime.Gpu.Linux 1.31.0, into dir (default .artifacts/gpu-bench)
#   bench/gpu.sh run [dir]       there (no .NET needed): the same benchmark with --provider cuda, then --provider cpu;
#                                prints both tables and keeps them in $OUT (or dir) as gpu-cuda.txt / gpu-cpu.txt
#
# The CUDA provider needs CUDA 13 (libcudart.so.13, libcublas(Lt).so.13, libcurand.so.10) and cuDNN 9 on the
# machine's library path, and a driver for CUDA 13. If they are missing, the cuda run prints
# "Provider could not load: ..." (exit 2) and the cpu run still goes ahead. Seconds per run: SECONDS_PER_RUN (3);
# the MLP's widths: WIDTHS (default the issue's 256,1024,1024,10; 256,4096,4096,10 is the heavy one, see bench/README.md).
set -uo pipefail
cd "$(dirname "$0")/.."
command=${1:-run}
dir=${2:-.artifacts/gpu-bench}
seconds=${SECONDS_PER_RUN:-3}

case "$command" in
  publish)
    set -e
    dotnet publish bench/Gpu.Bench -c Release -r linux-x64 --self-contained true -p:OnnxRuntimeFlavor=gpu -o "$dir" -v q -nologo
    du -sh "$dir"
    ;;
  run)
    out=${OUT:-$dir}
    mkdir -p "$out"
    (nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>&1 || echo "nvidia-smi: not found") | tee "$out/gpu-device.txt"
    status=0
    for provider in cuda cpu; do
      echo "== provider $provider"
      LD_LIBRARY_PATH="$dir:${LD_LIBRARY_PATH:-}" timeout 240 "$dir/Serverless.Gpu.Bench" --provider "$provider" --seconds "$seconds" \
        --widths "${WIDTHS:-256,1024,1024,10}" 2>&1 | tee "$out/gpu-$provider.txt"
      rc=${PIPESTATUS[0]}
      echo "== provider $provider exit $rc"
      [ "$rc" -eq 0 ] || status=$rc
    done
    exit $status
    ;;
  *)
    echo "usage: bench/gpu.sh publish|run [dir]" >&2
    exit 64
    ;;
esac
