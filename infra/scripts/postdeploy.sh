#!/usr/bin/env sh
# azd postdeploy hook (also the pipeline's last step): pushes the training job image and, once the function
# app's code is deployed, provisions again so Event Grid and the rollback action group get its host keys.
# Reads only azd's environment (azd env get-values) and writes no secret anywhere.
set -eu

registry="${AZURE_CONTAINER_REGISTRY_ENDPOINT:?run azd provision first}"
tag="azd-$(date -u +%Y%m%d%H%M%S)"
image="$registry/training:$tag"

az acr login --name "${registry%%.*}"
docker build --file infra/docker/training.Dockerfile --tag "$image" .
docker push "$image"
az containerapp job update --name "$TRAINING_JOB_NAME" --resource-group "$AZURE_RESOURCE_GROUP" --image "$image" --output none
azd env set TRAINING_IMAGE "$image"

if [ "${FUNCTION_KEYS_READY:-false}" != "true" ]; then
  azd env set FUNCTION_KEYS_READY true
  azd provision --no-prompt
fi
