metadata description = 'The GpuServing container app (OIP v2, dynamic batching) on the GPU workload profile, scaled by concurrent HTTP requests.'

param name string
param location string
param tags object
param environmentId string
param identityId string
param registryServer string

@description('Image to run; empty on the first provision, before azd or the pipeline has pushed one.')
param image string

@description('Replicas kept running (0 = scale to zero: the first request after idle waits for a GPU replica to start).')
@minValue(0)
param minReplicas int

@minValue(1)
param maxReplicas int

@description('Concurrent requests per replica before another replica is added (dynamic batching wants many in flight).')
@minValue(1)
param concurrentRequestsPerReplica int

@description('CPU cores and memory of the profile\'s replica (NC8as-T4: 8 cores, 56 GiB; NC24-A100: 24 cores, 220 GiB).')
param cpu string
param memory string

@description('Environment variables: every setting GpuServing reads (composed in main.bicep).')
param env { name: string, value: string }[]

@description('Key Vault secret (versionless URI) holding GpuServing:Key, read with the app\'s identity.')
param keySecretUri string

var placeholderImage = 'mcr.microsoft.com/azuredocs/containerapps-helloworld:latest'

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'gpuserving' })
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    environmentId: environmentId
    workloadProfileName: 'gpu'
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: 8080
        transport: 'auto'
        allowInsecure: false
      }
      registries: [{ server: registryServer, identity: identityId }]
      // The ingress is public (the function app is outside the environment), so every request but the health probes
      // must carry this key (x-gpu-key); the platform resolves it from Key Vault with the app's identity.
      secrets: [{ name: 'gpu-key', keyVaultUrl: keySecretUri, identity: identityId }]
    }
    template: {
      containers: [
        {
          name: 'gpuserving'
          image: empty(image) ? placeholderImage : image
          resources: { cpu: json(cpu), memory: memory }
          env: concat(env, [{ name: 'GpuServing__Key', secretRef: 'gpu-key' }])
          probes: [
            { type: 'Liveness', httpGet: { path: '/v2/health/live', port: 8080 }, periodSeconds: 10 }
            // Ready only after every serving version is loaded, verified and warmed (GpuServing's contract).
            { type: 'Readiness', httpGet: { path: '/v2/health/ready', port: 8080 }, periodSeconds: 5, failureThreshold: 3 }
          ]
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
        rules: [
          {
            name: 'http-concurrency'
            http: { metadata: { concurrentRequests: string(concurrentRequestsPerReplica) } }
          }
        ]
      }
    }
  }
}

output name string = app.name
output url string = 'https://${app.properties.configuration.ingress.fqdn}'
