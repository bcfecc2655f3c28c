import CLI

_ = CLILayer.self
