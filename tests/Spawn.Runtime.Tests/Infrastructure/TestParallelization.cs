// Every test counts the descriptors and children of this one process before and after it runs
// (LeakCheckedTest); tests running side by side would see each other's, so they run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
