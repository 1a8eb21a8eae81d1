#!/usr/bin/env bash
# What the whole API adds to a real build (README, "Build time of the whole API"). From the repository root:
#
#   tests/ApigGen.Benchmarks/build-time.sh [--corpus facts|catalogue] [--mode added|cold|warm|all] [--pairs N]
#                                          [--warm-builds K] [--seed-counts "100 500"] [--limit N]
#                                          [--configuration Debug|Release] [--work DIR] [--feed DIR] [--keep]
#
# It packs ApigGen and ApigGen.Runtime from a copy of this checkout into a local feed (as the packaging tests do; or
# takes --feed, a folder holding them), restores into a NuGet cache of its own, and creates in a temporary folder
# projects that reference the packed ApigGen package. Then, by --mode (default all):
#
#   added  Two fresh console projects, identical except that one has the corpus specs (--corpus facts: the facts-only
#          corpus, one spec per operation written by FactsCorpus.cs, less what this checkout cannot compile yet, whose
#          names are printed; --corpus catalogue: <ApigCatalogue>all</ApigCatalogue>). One untimed build of each, then
#          N pairs (default 3) of `dotnet build --no-incremental -p:UseSharedCompilation=false`, in alternating order:
#          every run's wall-clock time and the median added time.
#   cold   One such build of the project with the specs, fresh csc, -p:ReportAnalyzer=true: ApigGen's generator time
#          as the compiler reports it.
#   warm   Projects with 100 and 500 seed-shaped specs (--seed-counts; GeneratorBenchmarks' copies of the seed) built
#          against a warm compiler server of their own (-p:SharedCompilationId, shut down at the end), ReportAnalyzer:
#          one untimed build each to warm the server, then K builds each (default 3), alternating; ApigGen's time per
#          build, the medians and their ratio.
#
# --limit N keeps the first N specs of the corpus (by name): for checking the script quickly, not for figures.
# Timings mean something only on a quiet machine. The lines starting with '|' can be pasted into the README.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
corpus=facts
mode=all
pairs=3
warm_builds=3
seed_counts="100 500"
limit=0
configuration=Debug
work=""
feed=""
keep=0

while [ $# -gt 0 ]; do
  case "$1" in
    --corpus) corpus="$2"; shift 2 ;;
    --mode) mode="$2"; shift 2 ;;
    --pairs) pairs="$2"; shift 2 ;;
    --warm-builds) warm_builds="$2"; shift 2 ;;
    --seed-counts) seed_counts="$2"; shift 2 ;;
    --limit) limit="$2"; shift 2 ;;
    --configuration) configuration="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --feed) feed="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,30p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done

case "$corpus" in facts|catalogue) ;; *) echo "--corpus is facts or catalogue" >&2; exit 2 ;; esac
case "$mode" in added|cold|warm|all) ;; *) echo "--mode is added, cold, warm or all" >&2; exit 2 ;; esac
[ "$pairs" -ge 1 ] && [ "$warm_builds" -ge 1 ] || { echo "--pairs and --warm-builds must be at least 1" >&2; exit 2; }

if [ -z "$work" ]; then
  work="$(mktemp -d "${TMPDIR:-/tmp}/apiggen-buildtime.XXXXXX")"
fi
mkdir -p "$work"
work="$(cd "$work" && pwd)"
case "$work/" in "$repo"/*) echo "--work must be outside the repository" >&2; exit 2 ;; esac

server_id="apiggen-buildtime-$$-$RANDOM"
server_used=0
cleanup() {
  if [ "$server_used" = 1 ]; then
    # The compiler server this script started, found by its own pipe name, is asked to stop; no other is touched.
    local server_dll
    server_dll="$(dirname "$(readlink -f "$(command -v dotnet)")")/sdk/$(cd "$work" && dotnet --version)/Roslyn/bincore/VBCSCompiler.dll"
    if [ -f "$server_dll" ]; then
      dotnet "$server_dll" -shutdown -pipename:"$server_id" >/dev/null 2>&1 || echo "could not stop the compiler server $server_id" >&2
    fi
  fi
  if [ "$keep" = 0 ]; then rm -rf "$work"; else echo "kept $work" >&2; fi
}
trap cleanup EXIT

log() { echo "# $*" >&2; }
now() { date +%s.%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) printf "%.3f", v[(NR + 1) / 2]; else printf "%.3f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
join() { local IFS=,; echo "$*" | sed 's/,/, /g'; }

# --- The packages --------------------------------------------------------------------------------------------------
if [ -z "$feed" ]; then
  feed="$work/feed"
  log "packing ApigGen and ApigGen.Runtime from a copy of $repo into $feed"
  mkdir -p "$work/src" "$feed"
  # A copy, never the checkout: a restore into this script's own NuGet cache would rewrite the checkout's obj/.
  tar -C "$repo" --exclude=bin --exclude=obj -cf - Directory.Build.props Directory.Packages.props global.json \
      runtime/ApigGen.Runtime generator/ApigGen.Generator specs | tar -C "$work/src" -xf -
  for project in runtime/ApigGen.Runtime/ApigGen.Runtime.csproj generator/ApigGen.Generator/ApigGen.Generator.csproj; do
    NUGET_PACKAGES="$work/packages" dotnet pack "$work/src/$project" -c Release -o "$feed" -p:ContinuousIntegrationBuild=true -nologo -v:q >"$work/pack.log" 2>&1 \
      || { cat "$work/pack.log" >&2; echo "dotnet pack $project failed" >&2; exit 1; }
  done
fi
version="$(ls "$feed" | sed -n 's/^ApigGen\.\([0-9][0-9.]*[0-9]\)\.nupkg$/\1/p' | head -1)"
[ -n "$version" ] || { echo "no ApigGen.*.nupkg in $feed" >&2; exit 1; }
log "ApigGen $version from $feed"

cat >"$work/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
</configuration>
EOF

# A console project referencing the packed package; $2 is extra project XML (the catalogue selection).
new_project() {
  local dir="$1" extra="${2:-}"
  mkdir -p "$dir"
  cat >"$dir/App.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <RootNamespace>App</RootNamespace>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="ApigGen" Version="$version" />
  </ItemGroup>
$extra
</Project>
EOF
  echo 'System.Console.WriteLine("ok");' >"$dir/Program.cs"
  NUGET_PACKAGES="$work/packages" dotnet restore "$dir/App.csproj" --configfile "$work/nuget.config" -nologo -v:q >"$dir/restore.log" 2>&1 \
    || { cat "$dir/restore.log" >&2; echo "restore of $dir failed" >&2; exit 1; }
}

# One build; prints its wall-clock seconds; the log goes to $dir/build.log. Extra arguments go to dotnet build.
build() {
  local dir="$1"; shift
  local start end
  start="$(now)"
  if ! NUGET_PACKAGES="$work/packages" dotnet build "$dir/App.csproj" --no-restore --no-incremental -c "$configuration" -nologo -nodeReuse:false "$@" >"$dir/build.log" 2>&1; then
    tail -40 "$dir/build.log" >&2
    echo "build of $dir failed (log: $dir/build.log)" >&2
    exit 1
  fi
  end="$(now)"
  seconds "$start" "$end"
}

# ApigGen's generator time in the last build's log, in seconds, as the compiler reports it with ReportAnalyzer.
generator_time() {
  local dir="$1" value
  # csc prints "Total generator execution time: N seconds." then one line per generator assembly and type:
  # "   0.123   95   ApigGen.Generator, Version=0.1.0.0, ..." and "      0.123   95      ApigGen.Generator.ApigGenerator".
  value="$(grep -E '^[[:space:]]*[0-9]+([.,][0-9]+)?[[:space:]]+[0-9<]+[[:space:]]+ApigGen\.Generator\.ApigGenerator' "$dir/build.log" | tail -1 | awk '{ print $1 }' | tr , .)"
  if [ -z "$value" ]; then
    value="$(grep -E '^[[:space:]]*[0-9]+([.,][0-9]+)?[[:space:]]+[0-9<]+[[:space:]]+ApigGen\.Generator,' "$dir/build.log" | tail -1 | awk '{ print $1 }' | tr , .)"
  fi
  if [ -z "$value" ]; then
    echo "no ApigGen generator time in $dir/build.log (the compiler's analyzer report):" >&2
    grep -n -i -A8 'generator execution time' "$dir/build.log" >&2 || true
    exit 1
  fi
  echo "$value"
}

# The benchmark project's own arguments (--facts-corpus, --seed-corpus), built once in the checkout with the default
# NuGet cache (never this script's own, see above).
tool_built=0
tool() {
  local dll="$repo/tests/ApigGen.Benchmarks/bin/Release/net10.0/ApigGen.Benchmarks.dll"
  if [ "$tool_built" = 0 ]; then
    dotnet build "$repo/tests/ApigGen.Benchmarks/ApigGen.Benchmarks.csproj" -c Release -nologo -v:q >"$work/tool-build.log" 2>&1 \
      || { tail -40 "$work/tool-build.log" >&2; echo "build of tests/ApigGen.Benchmarks failed" >&2; exit 1; }
    tool_built=1
  fi
  dotnet "$dll" "$@"
}

# --- The corpus ----------------------------------------------------------------------------------------------------
corpus_label=""
with_extra=""
if [ "$mode" != warm ]; then
  new_project "$work/without"
  if [ "$corpus" = facts ]; then
    log "writing the facts-only corpus (tests/ApigGen.Benchmarks --facts-corpus)"
    tool --facts-corpus "$work/corpus" >"$work/corpus.txt" 2>"$work/corpus-skipped.txt"
    tail -1 "$work/corpus.txt" >&2
    if [ -s "$work/corpus-skipped.txt" ]; then
      echo "Skipped (this checkout cannot compile them yet):" >&2
      sed 's/^/  /' "$work/corpus-skipped.txt" >&2
    fi
    if [ "$limit" -gt 0 ]; then
      ls "$work/corpus" | sort | tail -n +"$((limit + 1))" | while read -r f; do rm "$work/corpus/$f"; done
    fi
    mkdir -p "$work/with"
    cp -r "$work/corpus" "$work/with/apig"
    count="$(ls "$work/with/apig" | wc -l)"
    total="$(grep -o '"id": *"' "$repo/specs/facts/apig-v2-surface.json" | wc -l)"
    corpus_label="facts-only, $count of $total operations"
  else
    if [ "$limit" -gt 0 ]; then
      with_extra="  <ItemGroup>$(ls "$repo"/specs/*/*.apig.yaml | xargs -n1 basename | sed 's/\.apig\.yaml$//' | sort | head -n "$limit" | sed 's/.*/<ApigOperation Include="&" \/>/' | tr -d '\n')</ItemGroup>"
      count="$limit"
    else
      with_extra="  <PropertyGroup><ApigCatalogue>all</ApigCatalogue></PropertyGroup>"
      count="$(ls "$repo"/specs/*/*.apig.yaml | wc -l)"
    fi
    corpus_label="catalogue, $count specs"
  fi
  new_project "$work/with" "$with_extra"
  log "corpus: $corpus_label"
fi

# --- Added build time ----------------------------------------------------------------------------------------------
if [ "$mode" = added ] || [ "$mode" = all ]; then
  off=(-p:UseSharedCompilation=false)
  log "untimed first builds (without, with)"
  echo "warm-up: without $(build "$work/without" "${off[@]}") s, with $(build "$work/with" "${off[@]}") s"
  withouts=(); withs=(); addeds=()
  for ((i = 1; i <= pairs; i++)); do
    if [ $((i % 2)) = 1 ]; then
      a="$(build "$work/without" "${off[@]}")"; b="$(build "$work/with" "${off[@]}")"
    else
      b="$(build "$work/with" "${off[@]}")"; a="$(build "$work/without" "${off[@]}")"
    fi
    d="$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", b - a }')"
    withouts+=("$a"); withs+=("$b"); addeds+=("$d")
    echo "pair $i: without $a s, with $b s, added $d s"
  done
  warnings="$(grep -E '^ *[0-9]+ Warning\(s\)' "$work/with/build.log" | tail -1 | awk '{ print $1 }')"
  echo "median added: $(median "${addeds[@]}") s over $pairs pairs (with-project build warnings: ${warnings:-?})"
  echo "| $corpus_label | $(date -u +%Y-%m-%d) | $(join "${withouts[@]}") | $(join "${withs[@]}") | $(join "${addeds[@]}") | **$(median "${addeds[@]}") s** |"
fi

# --- Generator time in a cold csc ----------------------------------------------------------------------------------
if [ "$mode" = cold ] || [ "$mode" = all ]; then
  wall="$(build "$work/with" -p:UseSharedCompilation=false -p:ReportAnalyzer=true -v:d)"
  t="$(generator_time "$work/with")"
  echo "cold csc, ReportAnalyzer: ApigGen $t s (build $wall s)"
  echo "| $corpus_label | $(date -u +%Y-%m-%d) | cold \`csc\` | $t | **$t s** |"
fi

# --- Generator time in a warm compiler server ----------------------------------------------------------------------
if [ "$mode" = warm ] || [ "$mode" = all ]; then
  for n in $seed_counts; do
    tool --seed-corpus "$work/warm-$n/apig" "$n" >&2
    new_project "$work/warm-$n"
  done
  server=(-p:UseSharedCompilation=true -p:SharedCompilationId="$server_id" -p:ReportAnalyzer=true -v:d)
  server_used=1
  for n in $seed_counts; do
    w="$(build "$work/warm-$n" "${server[@]}")"
    echo "warm-up, $n seed-shaped specs: ApigGen $(generator_time "$work/warm-$n") s (build $w s)"
  done
  declare -A times=()
  for ((i = 1; i <= warm_builds; i++)); do
    for n in $seed_counts; do
      w="$(build "$work/warm-$n" "${server[@]}")"
      t="$(generator_time "$work/warm-$n")"
      times[$n]="${times[$n]:-} $t"
      echo "warm server, $n seed-shaped specs, build $i: ApigGen $t s (build $w s)"
    done
  done
  first=""; last=""
  for n in $seed_counts; do
    # shellcheck disable=SC2086
    m="$(median ${times[$n]})"
    [ -z "$first" ] && first="$m"
    last="$m"
    # shellcheck disable=SC2086
    echo "| $n seed-shaped specs | $(date -u +%Y-%m-%d) | warm compiler server | $(join ${times[$n]}) | **$m s** |"
  done
  ratio="$(awk -v a="$first" -v b="$last" 'BEGIN { if (a > 0) printf "%.1f", b / a; else print "n/a" }')"
  echo "ratio of medians, ${seed_counts##* } / ${seed_counts%% *} specs: ${ratio}x"
fi
